package io.github.trailbench.bench;

import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.policy.Decision;
import io.github.trailbench.core.policy.EvaluationResult;
import io.github.trailbench.core.policy.PolicyEngine;
import io.github.trailbench.core.policy.PolicyParser;
import io.github.trailbench.core.policy.PolicySet;
import io.github.trailbench.core.policy.Request;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Throughput of decisions with full traces over a realistic policy set: three managed policies
 * with dozens of statements each, an inline policy, a permissions boundary, three SCP levels with a
 * region lock, a bucket policy, and requests that mix services, principals and condition keys.
 *
 * <pre>./mvnw -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.github.trailbench.bench.PolicyBench [-Dexec.args="200000"]</pre>
 */
public final class PolicyBench {

  private static final String[] SERVICES = {"s3", "ec2", "iam", "kms", "sqs", "sns", "lambda", "dynamodb", "logs", "cloudwatch",
      "sts", "rds", "ecr", "ecs", "secretsmanager", "ssm"};
  private static final String[] VERBS = {"Get", "List", "Describe", "Put", "Create", "Delete", "Update", "Tag"};

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    Random r = new Random(20261123L);
    PolicySet set = policySet(r);
    List<Request> requests = requests(r, 4096);
    int statements = countStatements(set);

    PolicyEngine engine = new PolicyEngine();
    // warm-up
    long sink = 0;
    for (int i = 0; i < Math.min(n, 50_000); i++) {
      sink += engine.evaluate(requests.get(i % requests.size()), set).trace().children().size();
    }
    Map<Decision, Integer> counts = new EnumMap<>(Decision.class);
    long nodes = 0;
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long c0 = mx.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      EvaluationResult res = engine.evaluate(requests.get(i % requests.size()), set);
      counts.merge(res.decision(), 1, Integer::sum);
      nodes += res.trace().children().size();
    }
    long t1 = System.nanoTime();
    long c1 = mx.getCurrentThreadCpuTime();
    double secs = (t1 - t0) / 1e9;
    // one full trace size for the record
    int traceNodes = engine.evaluate(requests.get(0), set).trace().flatten().size();
    System.out.printf("policy set: %d statements in %d identity policies, boundary, %d SCP levels, resource policy%n",
        statements, set.identityPolicies().size(), set.scps().size());
    System.out.printf("decisions: %d in %.3f s%n", n, secs);
    System.out.printf("decisions/second: %.0f%n", n / secs);
    System.out.printf("mean per decision (with trace): %.2f us wall, %.2f us CPU of the benchmark thread%n",
        (t1 - t0) / 1e3 / n, (c1 - c0) / 1e3 / n);
    System.out.printf("load average at the end: %.2f on %d processors%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    System.out.printf("outcomes: %s; trace nodes of first request: %d (checksum %d)%n", counts, traceNodes, sink + nodes);
  }

  static int countStatements(PolicySet s) {
    int c = 0;
    for (NamedPolicy p : s.identityPolicies()) {
      c += p.document().statements().size();
    }
    c += s.permissionsBoundary().document().statements().size();
    c += s.resourcePolicy().document().statements().size();
    for (List<NamedPolicy> l : s.scps()) {
      for (NamedPolicy p : l) {
        c += p.document().statements().size();
      }
    }
    return c;
  }

  static NamedPolicy policy(String name, String statements) throws SourceFormatException {
    return new NamedPolicy(name, PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", name));
  }

  static String managedPolicy(Random r, int count, String prefix) {
    List<String> sts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String svc = SERVICES[r.nextInt(SERVICES.length)];
      List<String> actions = new ArrayList<>();
      int na = 1 + r.nextInt(6);
      for (int a = 0; a < na; a++) {
        actions.add("\"" + svc + ":" + VERBS[r.nextInt(VERBS.length)] + (r.nextBoolean() ? "*" : "Thing" + a) + "\"");
      }
      String resource = switch (r.nextInt(4)) {
        case 0 -> "\"*\"";
        case 1 -> "\"arn:aws:" + svc + ":*:111122223333:*\"";
        case 2 -> "[\"arn:aws:s3:::data-" + i + "/*\",\"arn:aws:s3:::logs-" + i + "/${aws:username}/*\"]";
        default -> "\"arn:aws:" + svc + ":us-east-1:111122223333:thing/" + prefix + i + "-*\"";
      };
      String cond = switch (r.nextInt(5)) {
        case 0 -> ",\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/team\":\"${aws:PrincipalTag/team}\"}}";
        case 1 -> ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"203.0.113.0/24\"]}}";
        case 2 -> ",\"Condition\":{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"true\"},\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"}}";
        default -> "";
      };
      sts.add("{\"Sid\":\"" + prefix + i + "\",\"Effect\":\"" + (r.nextInt(10) == 0 ? "Deny" : "Allow") + "\",\"Action\":[" + String.join(",", actions)
          + "],\"Resource\":" + resource + cond + "}");
    }
    return String.join(",", sts);
  }

  static PolicySet policySet(Random r) throws SourceFormatException {
    String full = "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}";
    return PolicySet.builder()
        .identity(policy("PowerUserLike", managedPolicy(r, 40, "pu")))
        .identity(policy("DataAccess", managedPolicy(r, 30, "da")))
        .identity(policy("ReadOnlyLike", managedPolicy(r, 30, "ro")))
        .identity(policy("inline-ops", managedPolicy(r, 8, "in")))
        .boundary(policy("DevBoundary", "{\"Effect\":\"Allow\",\"NotAction\":[\"iam:*\",\"organizations:*\",\"account:*\"],\"Resource\":\"*\"},"
            + "{\"Effect\":\"Allow\",\"Action\":[\"iam:Get*\",\"iam:List*\"],\"Resource\":\"*\"},"
            + "{\"Effect\":\"Deny\",\"Action\":\"s3:DeleteBucket\",\"Resource\":\"*\"}"))
        .scpLevel(List.of(policy("FullAWSAccess", full)))
        .scpLevel(List.of(policy("RegionLock", full + ",{\"Sid\":\"DenyOtherRegions\",\"Effect\":\"Deny\",\"NotAction\":[\"iam:*\",\"sts:*\",\"cloudfront:*\",\"route53:*\"],"
            + "\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:RequestedRegion\":[\"us-east-1\",\"eu-west-1\"]}}}"),
            policy("ProtectSecurity", "{\"Effect\":\"Deny\",\"Action\":[\"cloudtrail:StopLogging\",\"cloudtrail:DeleteTrail\",\"guardduty:Delete*\"],\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"iam:*\",\"Resource\":\"arn:aws:iam::*:role/OrgAdmin\",\"Condition\":{\"ArnNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/OrgAdmin\"}}}")))
        .scpLevel(List.of(policy("AccountGuard", full + ",{\"Effect\":\"Deny\",\"Action\":\"ec2:RunInstances\",\"Resource\":\"arn:aws:ec2:*:*:instance/*\","
            + "\"Condition\":{\"ForAnyValue:StringNotLike\":{\"ec2:InstanceType\":[\"t3.*\",\"m5.*\"]}}}")))
        .resource(policy("bucket-policy", "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}},"
            + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/Analyst\"},\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":\"*\"}"))
        .build();
  }

  static List<Request> requests(Random r, int count) {
    String[] principals = {"arn:aws:iam::111122223333:user/alice", "arn:aws:sts::111122223333:assumed-role/Analyst/s1",
        "arn:aws:sts::111122223333:assumed-role/OpsAdminRole/bob"};
    String[] regions = {"us-east-1", "eu-west-1", "ap-south-1"};
    List<Request> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String svc = SERVICES[r.nextInt(SERVICES.length)];
      String action = svc + ":" + VERBS[r.nextInt(VERBS.length)] + (r.nextBoolean() ? "Object" : "Thing" + r.nextInt(6));
      String resource = svc.equals("s3") ? "arn:aws:s3:::data-" + r.nextInt(40) + "/k" + i
          : "arn:aws:" + svc + ":us-east-1:111122223333:thing/pu" + r.nextInt(40) + "-x";
      Request.Builder b = Request.builder(principals[r.nextInt(principals.length)], action, resource)
          .context("aws:RequestedRegion", regions[r.nextInt(regions.length)])
          .context("aws:SourceIp", r.nextBoolean() ? "10.1.2.3" : "198.51.100.9")
          .context("aws:CurrentTime", "2026-11-23T09:00:00Z")
          .context("aws:SecureTransport", "true")
          .context("aws:PrincipalTag/team", "red");
      if (r.nextBoolean()) {
        b.context("aws:MultiFactorAuthPresent", "true");
      }
      if (r.nextInt(4) == 0) {
        b.unknown("aws:ResourceTag/*");
      } else {
        b.context("aws:ResourceTag/team", r.nextBoolean() ? "red" : "blue");
      }
      out.add(b.build());
    }
    return out;
  }
}
