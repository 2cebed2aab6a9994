package io.github.trailbench.core.correlate;

import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.iam.OrgPolicy;
import io.github.trailbench.core.model.iam.Organization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * AWS Organizations calls act on the organization's accounts, roots, OUs and policies, whose ARNs hold the
 * organization's id and its management account (Service Authorization Reference, AWS Organizations: {@code
 * arn:P:organizations::MGMT:account/o-ID/ACCOUNT}, {@code root/o-ID/r-…}, {@code ou/o-ID/ou-…}, {@code
 * policy/o-ID/TYPE/p-…}, an AWS managed policy {@code arn:P:organizations::aws:policy/TYPE/p-…}). The record names only
 * the ids; the case's organization manifest gives the rest, and a policy's type (also the key
 * {@code organizations:PolicyType}). Without a manifest holding the caller's account the resource stays unknown.
 */
final class OrganizationArns {
  private OrganizationArns() {}

  /** The request ids naming a node of the tree, in the order their ARNs are listed. */
  private static final List<String> NODE_FIELDS = List.of("accountId", "targetId", "rootId", "sourceParentId",
      "destinationParentId");

  static DerivedRequest resolve(DerivedRequest d, CloudTrailEvent e, IamSnapshot iam) {
    if (!"organizations.amazonaws.com".equals(e.eventSource()) || !d.resourceArns().isEmpty() || e.recipientAccountId() == null) {
      return d;
    }
    Optional<Organization> found = iam.organizations().stream()
        .filter(o -> o.isManagementAccount(e.recipientAccountId())).findFirst()
        .or(() -> iam.organizationOf(e.recipientAccountId()));
    if (found.isEmpty()) {
      return d;
    }
    Organization org = found.get();
    EventDocs docs = new EventDocs(e);
    String partition = Principals.partitionOfRegion(e.awsRegion());
    String prefix = "arn:" + partition + ":organizations::" + org.managementAccountId() + ":";
    List<String> arns = new ArrayList<>();
    Map<String, List<String>> context = new LinkedHashMap<>(d.context());
    String policyId = docs.req("policyId");
    if (policyId != null) {
      OrgPolicy policy = org.policies().get(policyId);
      if (policy == null) {
        return d; // a policy the manifest does not hold: its type, part of its ARN, is not known
      }
      String type = policy.type().name().toLowerCase(Locale.ROOT);
      arns.add(policy.awsManaged() ? "arn:" + partition + ":organizations::aws:policy/" + type + "/" + policyId
          : prefix + "policy/" + org.organizationId() + "/" + type + "/" + policyId);
      context.putIfAbsent("organizations:PolicyType", List.of(policy.type().name()));
    }
    for (String field : NODE_FIELDS) {
      String id = docs.req(field);
      String arn = id == null ? null : nodeArn(prefix, org.organizationId(), id);
      if (arn != null && !arns.contains(arn)) {
        arns.add(arn);
      }
    }
    if (arns.isEmpty()) {
      return d;
    }
    List<String> notes = new ArrayList<>(d.notes());
    notes.add("the organization " + org.organizationId() + " and its management account " + org.managementAccountId()
        + " in the resource ARNs are the case's organization manifest's");
    List<DerivedRequest.KeyNote> missing = d.missing().stream()
        .filter(m -> !context.containsKey(m.key())).toList();
    return new DerivedRequest(d.eventId(), d.principalArn(), d.actions(), arns, org.managementAccountId(), context, missing,
        d.absent(), null, notes, d.authorization());
  }

  private static String nodeArn(String prefix, String organizationId, String id) {
    if (id.matches("\\d{12}")) {
      return prefix + "account/" + organizationId + "/" + id;
    }
    if (id.startsWith("r-")) {
      return prefix + "root/" + organizationId + "/" + id;
    }
    if (id.startsWith("ou-")) {
      return prefix + "ou/" + organizationId + "/" + id;
    }
    return null;
  }
}
