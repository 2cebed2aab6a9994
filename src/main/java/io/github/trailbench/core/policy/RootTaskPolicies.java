package io.github.trailbench.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.policy.NamedPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The task policies that scope a short-term root session ({@code sts:AssumeRoot}, centralized root
 * access for member accounts): AWS's five managed {@code root-task} policies, bundled
 * ({@code root-task-policies.json}), so that a member account's case evaluates such a session
 * without the management account's IAM data. Each only denies (everything but its task); the
 * engine checks its Deny statements and does not require it to allow ({@link PolicyEngine}).
 */
public final class RootTaskPolicies {
  /**
   * The condition key of the stand-in for a task policy the case does not hold: always unknown in a
   * request, so that the stand-in's Deny makes the decision undetermined instead of guessed.
   */
  public static final String UNKNOWN_TASK_POLICY_KEY = "trailbench:RootSessionTaskPolicy";

  private static final Map<String, NamedPolicy> BUNDLED = load();
  private static final String UNKNOWN_NAME = "the root session's task policy (not in the case)";

  private RootTaskPolicies() {}

  /** The bundled task policy with this ARN. */
  public static Optional<NamedPolicy> bundled(String arn) {
    return Optional.ofNullable(arn == null ? null : BUNDLED.get(arn));
  }

  /** The name a task policy is shown under: "task policy S3UnlockBucketPolicy". */
  public static String displayName(String arn) {
    String name = arn == null ? "(unknown)" : arn.substring(arn.lastIndexOf('/') + 1);
    return "task policy " + name;
  }

  /**
   * A stand-in for the task policy of a root session that the case cannot show ({@code why}: the
   * AssumeRoot call is not in the case, or names a policy the case does not hold): one Deny of
   * everything on a condition no log carries, so the decision depends on it.
   */
  public static NamedPolicy unknown(String why) {
    String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"UnknownTaskPolicy\",\"Effect\":\"Deny\",\"Action\":\"*\","
        + "\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"" + UNKNOWN_TASK_POLICY_KEY + "\":\"true\"}}}]}";
    try {
      return new NamedPolicy(UNKNOWN_NAME, PolicyParser.parse(json, "root session task policy: " + why));
    } catch (SourceFormatException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code p} is the stand-in {@link #unknown} made. */
  public static boolean isUnknown(NamedPolicy p) {
    return p.name().equals(UNKNOWN_NAME);
  }

  private static Map<String, NamedPolicy> load() {
    try (InputStream in = RootTaskPolicies.class.getResourceAsStream("root-task-policies.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      Map<String, NamedPolicy> out = new LinkedHashMap<>();
      var it = root.path("policies").fields();
      while (it.hasNext()) {
        var e = it.next();
        out.put(e.getKey(), new NamedPolicy(displayName(e.getKey()), PolicyParser.parse(e.getValue(), e.getKey(), "")));
      }
      return Map.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException("bundled root-task-policies.json unreadable", e);
    } catch (SourceFormatException e) {
      throw new IllegalStateException("bundled root-task-policies.json: " + e.getMessage(), e);
    }
  }
}
