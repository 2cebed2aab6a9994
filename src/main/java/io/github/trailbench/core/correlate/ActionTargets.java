package io.github.trailbench.core.correlate;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.util.List;

/**
 * What an action of a logged call is authorized on, where that is not the call's first resource:
 * a copy reads its source and writes its target; {@code iam:PassRole} is checked on the role
 * passed, not on the function or instance being made; a batch delete deletes each named object,
 * never the bucket. Replaying such an action on the call's first resource gave verdicts that
 * disagreed with the log for no reason in the policies.
 */
final class ActionTargets {
  private ActionTargets() {}

  /**
   * The action as AWS checks it here ({@code s3:GetObjectVersion} for a copy of one version) and
   * each resource it is checked on; none when the log does not name it, with the reason.
   */
  record Target(String action, List<String> resources, String unknownReason) {}

  /** The target of {@code action} in {@code e}, or null when it is the call's resources as derived. */
  static Target of(String action, DerivedRequest d, CloudTrailEvent e) {
    String name = e.eventName() == null ? "" : e.eventName();
    boolean s3 = "s3.amazonaws.com".equals(e.eventSource());
    List<String> arns = d.resourceArns();
    if (s3 && (name.equals("CopyObject") || name.equals("UploadPartCopy")) && arns.size() >= 2) {
      // ResourceArns gives the target first, then the copy source
      if (action.equals("s3:GetObject")) {
        String source = new EventDocs(e).req("x-amz-copy-source");
        boolean version = source != null && source.contains("?versionId=");
        // reading one version of an object is s3:GetObjectVersion (S3 API Reference, GetObject: Permissions)
        return new Target(version ? "s3:GetObjectVersion" : action, List.of(arns.get(1)), null);
      }
      if (action.equals("s3:PutObject")) {
        return new Target(action, List.of(arns.get(0)), null);
      }
    }
    if (s3 && name.equals("DeleteObjects") && action.equals("s3:DeleteObject")) {
      List<String> objects = arns.stream().filter(ActionTargets::isObject).toList();
      return new Target(action, objects, objects.isEmpty() ? "the keys a DeleteObjects call deletes are not in its log" : null);
    }
    if (action.equals("iam:PassRole")) {
      EventDocs docs = new EventDocs(e);
      for (String field : new String[] {"role", "roleArn", "executionRoleArn", "serviceRoleArn"}) {
        String role = docs.req(field);
        if (role != null && role.startsWith("arn:") && role.contains(":role/")) {
          return new Target(action, List.of(role), null);
        }
      }
      List<String> roles = arns.stream().filter(a -> a.contains(":iam::") && a.contains(":role/")).toList();
      return new Target(action, roles, roles.isEmpty()
          ? "the role passed is not named in the log (an instance profile or a setting of the service names it)" : null);
    }
    return null;
  }

  private static boolean isObject(String arn) {
    int bucket = arn.indexOf(":s3:::");
    return bucket >= 0 && arn.indexOf('/', bucket) > 0;
  }
}
