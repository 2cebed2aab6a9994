package io.github.trailbench.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example of the IAM User Guide pages "IAM JSON policy elements: Resource"
 * (reference_policies_elements_resource.html) and "Identify AWS resources with Amazon Resource
 * Names" (reference-arns.html), each named after the sentence it illustrates. Account ids in the
 * pages' placeholders are 123456789012.
 */
class AwsResourceExamplesTest {

  static boolean matches(String pattern, String resource) {
    return Glob.resourceMatch(Glob.resourcePattern(Glob.tokens(pattern, true)), resource);
  }

  static Stream<Arguments> examples() {
    String s3 = "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*";
    String b = "arn:aws:s3:::amzn-s3-demo-bucket/";
    return Stream.of(
        Arguments.of("'The following example refers to a specific Amazon SQS queue'",
            "arn:aws:sqs:us-east-2:123456789012:queue1", "arn:aws:sqs:us-east-2:123456789012:queue1", true),
        Arguments.of("'The following example refers to the IAM user named Bob' (exact)",
            "arn:aws:iam::123456789012:user/Bob", "arn:aws:iam::123456789012:user/Bob", true),
        Arguments.of("'In the Resource element, the IAM user name is case sensitive'",
            "arn:aws:iam::123456789012:user/Bob", "arn:aws:iam::123456789012:user/bob", false),
        Arguments.of("'You can use multiple * or ? characters in each segment'",
            "arn:aws:sqs:us-*-?:123456789012:que*?", "arn:aws:sqs:us-east-2:123456789012:queue1", true),
        Arguments.of("'If the * wildcard is the last character of a resource ARN segment, it can expand to match beyond the colon boundaries'",
            "arn:aws:sqs:us-east-2:*", "arn:aws:sqs:us-east-2:123456789012:queue1", true),
        Arguments.of("'… it can expand to match beyond the colon boundaries' (a * inside a segment cannot)",
            "arn:aws:sqs:us-*2:queue1", "arn:aws:sqs:us-east-2:123456789012:queue1", false),
        Arguments.of("'The following example refers to all IAM users whose path is /accounting'",
            "arn:aws:iam::123456789012:user/accounting/*", "arn:aws:iam::123456789012:user/accounting/alice", true),
        Arguments.of("'… all IAM users whose path is /accounting' (not another path)",
            "arn:aws:iam::123456789012:user/accounting/*", "arn:aws:iam::123456789012:user/marketing/alice", false),
        Arguments.of("'The following example refers to all items within a specific Amazon S3 bucket'",
            "arn:aws:s3:::amzn-s3-demo-bucket/*", b + "any/key.txt", true),
        Arguments.of("'The asterisk (*) character can expand to replace everything within a segment, including characters like a forward slash (/)': 1/test/object.jpg",
            s3, b + "1/test/object.jpg", true),
        Arguments.of("'… not only the first object listed': 1/2/test/object.jpg", s3, b + "1/2/test/object.jpg", true),
        Arguments.of("'… not only the first object listed': 1/2/test/3/object.jpg", s3, b + "1/2/test/3/object.jpg", true),
        Arguments.of("'… not only the first object listed': 1/2/3/test/4/object.jpg", s3, b + "1/2/3/test/4/object.jpg", true),
        Arguments.of("'… not only the first object listed': 1///test///object.jpg", s3, b + "1///test///object.jpg", true),
        Arguments.of("'… not only the first object listed': 1/test/.jpg", s3, b + "1/test/.jpg", true),
        Arguments.of("'An Amazon S3 object name can validly begin or end with the conventional delimiter forward slash': //test/object.jpg",
            s3, b + "/test/object.jpg", true),
        Arguments.of("'An Amazon S3 object name can validly begin or end with the conventional delimiter forward slash': 1/test/",
            s3, b + "1/test/", true),
        Arguments.of("'The ARN would not match the following objects': 1-test/object.jpg", s3, b + "1-test/object.jpg", false),
        Arguments.of("'The ARN would not match the following objects': test/object.jpg", s3, b + "test/object.jpg", false),
        Arguments.of("'The ARN would not match the following objects': 1/2/test.jpg", s3, b + "1/2/test.jpg", false),
        Arguments.of("'You can specify multiple resources' (books_table)",
            "arn:aws:dynamodb:us-east-2:123456789012:table/books_table", "arn:aws:dynamodb:us-east-2:123456789012:table/books_table", true),
        Arguments.of("'You can specify multiple resources' (magazines_table is another entry)",
            "arn:aws:dynamodb:us-east-2:123456789012:table/books_table", "arn:aws:dynamodb:us-east-2:123456789012:table/magazines_table", false),
        Arguments.of("ARN page: 'arn:partition:service:region:account-id:resource-type/resource-id' (IAM user)",
            "arn:aws:iam::123456789012:user/johndoe", "arn:aws:iam::123456789012:user/johndoe", true),
        Arguments.of("ARN page: 'arn:partition:service:region:account-id:resource-id' (SNS topic)",
            "arn:aws:sns:us-east-1:123456789012:example-sns-topic-name", "arn:aws:sns:us-east-1:123456789012:example-sns-topic-name", true),
        Arguments.of("ARN page: 'arn:partition:service:region:account-id:resource-type/resource-id' (VPC)",
            "arn:aws:ec2:us-east-1:123456789012:vpc/*", "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0e9801d129EXAMPLE", true),
        Arguments.of("ARN page: 'arn:partition:service:region:account-id:resource-type:resource-id' (log stream, colons in the resource)",
            "arn:aws:logs:us-east-1:123456789012:log-group:my-group:*", "arn:aws:logs:us-east-1:123456789012:log-group:my-group:log-stream:s", true),
        Arguments.of("ARN page: 'Note that the ARNs for some resources omit the Region, the account ID, or both' (S3 has neither)",
            "arn:aws:s3:::*", "arn:aws:s3:::amzn-s3-demo-bucket", true),
        Arguments.of("ARN page: paths: 'all users whose path is /division_abc/subdivision_xyz/'",
            "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/*", "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob", true),
        Arguments.of("ARN page: a wildcard partition segment ('arn:*') ends its segment and matches",
            "arn:*:s3:::amzn-s3-demo-bucket/*", "arn:aws-cn:s3:::amzn-s3-demo-bucket/k", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void resourceExample(String sentence, String pattern, String resource, boolean expected) {
    assertThat(matches(pattern, resource)).as(pattern + " vs " + resource).isEqualTo(expected);
  }
}
