package io.github.trailbench.core.model.iam;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A customer- or AWS-managed policy from {@code Policies}, with every version the file lists.
 * The reader guarantees exactly one default version.
 */
public record ManagedPolicy(
    String name,
    String id,
    String arn,
    String path,
    String defaultVersionId,
    Optional<Integer> attachmentCount,
    Optional<Boolean> attachable,
    Optional<String> description,
    Optional<Instant> createDate,
    Optional<Instant> updateDate,
    List<PolicyVersion> versions,
    String file) {

  public ManagedPolicy {
    versions = Copies.list(versions);
  }

  /** AWS-managed policies live in the pseudo-account {@code aws}: {@code arn:aws:iam::aws:policy/...}. */
  public boolean awsManaged() {
    return isAwsManagedArn(arn);
  }

  public static boolean isAwsManagedArn(String policyArn) {
    String[] parts = policyArn == null ? new String[0] : policyArn.split(":", 6);
    return parts.length == 6 && "aws".equals(parts[4]) && "iam".equals(parts[2]);
  }

  /** The version in force now (the default version). */
  public PolicyVersion defaultVersion() {
    return versions.stream()
        .filter(PolicyVersion::isDefaultVersion)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no default version in " + arn));
  }

  public Optional<PolicyVersion> version(String versionId) {
    return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
  }

  /**
   * The versions that existed at {@code time} (created at or before it), newest first: the
   * candidates for "which version was in force then". Which of them was the default at that time
   * is not recorded by IAM (SetDefaultPolicyVersion leaves no trace here), so this is a list.
   * Versions without a create date are included, last.
   */
  public List<PolicyVersion> versionsExistingAt(Instant time) {
    return versions.stream()
        .filter(v -> v.createDate().map(c -> !c.isAfter(time)).orElse(true))
        .sorted(Comparator.comparing((PolicyVersion v) -> v.createDate().orElse(Instant.MIN)).reversed())
        .toList();
  }
}
