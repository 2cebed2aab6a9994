package io.github.trailbench.core.correlate;

import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.iam.AttachedPolicy;
import io.github.trailbench.core.model.iam.AuthorizationDetails;
import io.github.trailbench.core.model.iam.IamGroup;
import io.github.trailbench.core.model.iam.IamRole;
import io.github.trailbench.core.model.iam.IamUser;
import io.github.trailbench.core.model.iam.InlinePolicy;
import io.github.trailbench.core.model.iam.ManagedPolicy;
import io.github.trailbench.core.model.iam.PolicyDocument;
import io.github.trailbench.core.model.iam.PolicyVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An account's IAM data written in code, for tests and benchmarks: users, groups, roles, customer-managed policies. */
public final class SyntheticIam {
  public static final String ACCOUNT = "111122223333";
  private final List<IamUser> users = new ArrayList<>();
  private final List<IamGroup> groups = new ArrayList<>();
  private final List<IamRole> roles = new ArrayList<>();
  private final List<ManagedPolicy> policies = new ArrayList<>();

  public static String arn(String type, String name) {
    return "arn:aws:iam::" + ACCOUNT + ":" + type + "/" + name;
  }

  /** A policy document of the given statements (JSON objects). */
  public static String doc(String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  /** A statement; {@code actions} is a JSON string or array, {@code condition} a JSON object or null. */
  public static String statement(String effect, String actions, String resource, String condition) {
    String action = actions.startsWith("[") ? actions : "\"" + actions + "\"";
    return "{\"Effect\":\"" + effect + "\",\"Action\":" + action + ",\"Resource\":\"" + resource + "\""
        + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
  }

  public static String allow(String actions, String resource) {
    return statement("Allow", actions, resource, null);
  }

  public static String deny(String actions, String resource) {
    return statement("Deny", actions, resource, null);
  }

  /** A trust policy letting the named AWS principals (ARNs) or services assume the role. */
  public static String trust(String principalKind, String... principals) {
    StringBuilder list = new StringBuilder();
    for (String p : principals) {
      list.append(list.length() == 0 ? "" : ",").append('"').append(p).append('"');
    }
    return doc("{\"Effect\":\"Allow\",\"Principal\":{\"" + principalKind + "\":[" + list + "]},\"Action\":\"sts:AssumeRole\"}");
  }

  private static List<InlinePolicy> inline(String owner, String... documents) {
    List<InlinePolicy> out = new ArrayList<>();
    for (int i = 0; i < documents.length; i++) {
      out.add(new InlinePolicy(owner + "-inline-" + i, new PolicyDocument(documents[i], PolicyDocument.Encoding.OBJECT)));
    }
    return out;
  }

  private static List<AttachedPolicy> attached(List<String> managed) {
    return managed.stream().map(n -> new AttachedPolicy(n, arn("policy", n))).toList();
  }

  public SyntheticIam user(String name, List<String> groupNames, List<String> managed, String... inlineDocuments) {
    users.add(new IamUser("/", name, "AIDA" + name, arn("user", name), Optional.empty(), groupNames, inline(name, inlineDocuments),
        attached(managed), Optional.empty(), Map.of(), "synthetic"));
    return this;
  }

  /** A user whose permissions boundary is the customer-managed policy {@code boundaryPolicy} (add it with {@link #policy}). */
  public SyntheticIam userWithBoundary(String name, String boundaryPolicy, String... inlineDocuments) {
    users.add(new IamUser("/", name, "AIDA" + name, arn("user", name), Optional.empty(), List.of(), inline(name, inlineDocuments),
        attached(List.of()), Optional.of(new io.github.trailbench.core.model.iam.AttachedPolicy(boundaryPolicy, arn("policy", boundaryPolicy))),
        Map.of(), "synthetic"));
    return this;
  }

  public SyntheticIam group(String name, List<String> managed, String... inlineDocuments) {
    groups.add(new IamGroup("/", name, "AGPA" + name, arn("group", name), Optional.empty(), inline(name, inlineDocuments),
        attached(managed), "synthetic"));
    return this;
  }

  public SyntheticIam role(String name, String trustPolicy, List<String> managed, String... inlineDocuments) {
    roles.add(new IamRole("/", name, "AROA" + name, arn("role", name), Optional.empty(),
        new PolicyDocument(trustPolicy, PolicyDocument.Encoding.OBJECT), List.of(), inline(name, inlineDocuments), attached(managed),
        Optional.empty(), Map.of(), null, "synthetic"));
    return this;
  }

  /** A role in an instance profile of the same name (how an EC2 instance is given a role). */
  public SyntheticIam roleInInstanceProfile(String name, String trustPolicy, String... inlineDocuments) {
    roles.add(new IamRole("/", name, "AROA" + name, arn("role", name), Optional.empty(),
        new PolicyDocument(trustPolicy, PolicyDocument.Encoding.OBJECT),
        List.of(new io.github.trailbench.core.model.iam.InstanceProfile("/", name, "AIPA" + name, arn("instance-profile", name),
            Optional.empty(), List.of(name))),
        inline(name, inlineDocuments), attached(List.of()), Optional.empty(), Map.of(), null, "synthetic"));
    return this;
  }

  /** A customer-managed policy with one version per document; the last is the default. */
  public SyntheticIam policy(String name, String... versionDocuments) {
    List<PolicyVersion> versions = new ArrayList<>();
    for (int i = 0; i < versionDocuments.length; i++) {
      versions.add(new PolicyVersion("v" + (i + 1), i == versionDocuments.length - 1, Optional.empty(),
          new PolicyDocument(versionDocuments[i], PolicyDocument.Encoding.OBJECT)));
    }
    policies.add(new ManagedPolicy(name, "ANPA" + name, arn("policy", name), "/", "v" + versionDocuments.length, Optional.empty(),
        Optional.of(true), Optional.empty(), Optional.empty(), Optional.empty(), versions, "synthetic"));
    return this;
  }

  public int principals() {
    return users.size() + roles.size();
  }

  public IamSnapshot snapshot() {
    return snapshot(List.of());
  }

  /** The snapshot of these entities and the given other sources (Access Advisor reports, manifests). */
  public IamSnapshot snapshot(List<? extends io.github.trailbench.core.model.iam.IamSource> others) {
    List<io.github.trailbench.core.model.iam.IamSource> all = new java.util.ArrayList<>();
    all.add(new AuthorizationDetails("synthetic", users, groups, roles, policies, 1, false, Optional.empty()));
    all.addAll(others);
    return IamSnapshot.of(all);
  }
}
