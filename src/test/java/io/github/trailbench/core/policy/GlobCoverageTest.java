package io.github.trailbench.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whether a Resource pattern covers every object of a bucket whose keys the log does not name (a
 * DeleteObjects call): IAM User Guide, Resource element, "*" in the resource part matches any
 * characters, "?" one; a pattern covers the family when only "*"s are left after the prefix.
 */
class GlobCoverageTest {
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "arn:aws:s3:::data-bucket/*, ALL",
      "arn:aws:s3:::data-*, ALL",
      "arn:aws:s3:::*/*, ALL",
      "arn:aws:s3:::*, ALL",
      "arn:aws:*:*:*:*, ALL",
      "arn:aws:s3:::data-bucket/reports/*, SOME",
      "arn:aws:s3:::data-bucket/?*, SOME",
      "arn:aws:s3:::data-bucket/*.csv, SOME",
      "arn:aws:s3:::data-bucket, NONE",
      "arn:aws:s3:::other-bucket/*, NONE",
      "arn:aws:s3:::data-bucket-2/*, NONE"})
  void aPatternCoversEveryObjectOfTheBucketSomeOrNone(String pattern, Glob.Coverage expected) {
    assertThat(Glob.prefixCoverage(Glob.resourcePattern(Glob.tokens(pattern, true)), "arn:aws:s3:::data-bucket/")).isEqualTo(expected);
  }

  /**
   * A secret named without its suffix (Secrets Manager User Guide, "Resource: secret ARN": the ARN
   * ends in a hyphen and six random characters): "NAME-??????" and "NAME*" cover each such ARN, a
   * pattern naming one suffix covers some, another name none.
   */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-??????, ALL",
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db*, ALL",
      "arn:aws:secretsmanager:*:*:secret:prod/*, ALL",
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-?????, NONE",
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-???????, NONE",
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf, SOME",
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-A*, SOME",
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-*-??????, NONE",
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/other-??????, NONE"})
  void aPatternCoversEverySuffixOfASecretNameSomeOrNone(String pattern, Glob.Coverage expected) {
    assertThat(Glob.tailCoverage(Glob.resourcePattern(Glob.tokens(pattern, true)),
        "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-", 6)).isEqualTo(expected);
  }
}
