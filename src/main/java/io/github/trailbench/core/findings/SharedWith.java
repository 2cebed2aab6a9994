package io.github.trailbench.core.findings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Whom a sharing call gives access to, read from its request: the permissions added to an EBS
 * snapshot or AMI, the accounts added to an RDS snapshot's restore attribute, the principals of a
 * RAM resource share, a Lambda permission's principal, a KMS grant's grantee, the destination
 * accounts of S3 replication, the accounts an SQS or SNS AddPermission names and the owner of the
 * bucket a DynamoDB export is written to. Answers the derived fields {@code sharedWith} and
 * {@code sharedOutside}.
 */
final class SharedWith {
  private SharedWith() {}

  enum Kind { EVERYONE, ACCOUNT, ORGANIZATION, ORGANIZATIONAL_UNIT }

  /**
   * One grantee: as an analyst names it, and the id the organization manifests are asked about
   * (an account, organization or OU id; the value itself for everyone).
   */
  record Grantee(Kind kind, String name, String id) {
    static Grantee everyone(String value) {
      return new Grantee(Kind.EVERYONE, value, value);
    }

    static Grantee account(String name, String account) {
      return new Grantee(Kind.ACCOUNT, name, account);
    }

    /** An account id, an IAM ARN or an Organizations ARN; null for a service principal or anything else. */
    static Grantee principal(String value) {
      if (value.startsWith("arn:") && value.contains(":organizations::")) {
        String id = value.substring(value.lastIndexOf('/') + 1);
        return value.contains(":ou/") ? new Grantee(Kind.ORGANIZATIONAL_UNIT, "organizational unit " + id, id)
            : new Grantee(Kind.ORGANIZATION, "organization " + id, id);
      }
      String account = Policies.accountOf(value);
      return account == null ? null : account(value, account);
    }
  }

  /** Everyone the request shares with, the recipient account itself left out, the case's own organization marked. */
  static String described(EventView e) {
    List<String> out = new ArrayList<>();
    for (Grantee g : grantees(e)) {
      String name = e.inOrganization(g.id()) ? g.name() + " (own organization)" : g.name();
      if (!isRecipient(g, e) && !out.contains(name)) {
        out.add(name);
      }
    }
    return out.isEmpty() ? null : String.join(", ", out);
  }

  /**
   * The grantees outside: everyone; an account neither the recipient nor listed by the case's
   * organization manifests; an organization or OU those manifests do not list (with no manifest
   * the case cannot tell, so none).
   */
  static String outside(EventView e) {
    List<String> out = grantees(e).stream().filter(g -> isOutside(g, e)).map(Grantee::name).distinct().toList();
    return out.isEmpty() ? null : String.join(", ", out);
  }

  private static boolean isOutside(Grantee g, EventView e) {
    return switch (g.kind()) {
      case EVERYONE -> true;
      case ACCOUNT -> !isRecipient(g, e) && !e.inOrganization(g.id());
      case ORGANIZATION, ORGANIZATIONAL_UNIT -> e.organizationKnown() && !e.inOrganization(g.id());
    };
  }

  private static boolean isRecipient(Grantee g, EventView e) {
    return g.kind() == Kind.ACCOUNT && g.id().equals(e.recipientAccount());
  }

  static List<Grantee> grantees(EventView e) {
    JsonNode rp = e.document(FieldPath.Document.REQUEST_PARAMETERS);
    String source = e.event().eventSource();
    if (rp == null || !rp.isObject() || source == null) {
      return List.of();
    }
    List<Grantee> out = new ArrayList<>();
    switch (source) {
      case "ec2.amazonaws.com" -> {
        for (String attribute : List.of("createVolumePermission", "launchPermission")) {
          for (JsonNode item : Policies.elements(rp.path(attribute).path("add").path("items"))) {
            permissionItem(item, out);
          }
        }
      }
      case "rds.amazonaws.com" -> {
        if ("restore".equals(rp.path("attributeName").asText())) {
          for (String v : Policies.strings(rp.get("valuesToAdd"))) {
            out.add(v.equals("all") ? Grantee.everyone(v) : Grantee.account(v, v));
          }
        }
      }
      case "ram.amazonaws.com" -> Policies.strings(rp.get("principals")).forEach(p -> addPrincipal(p, out));
      case "lambda.amazonaws.com" -> lambdaPrincipal(rp, out);
      case "kms.amazonaws.com" -> Policies.strings(rp.get("granteePrincipal")).forEach(p -> addPrincipal(p, out));
      case "s3.amazonaws.com" -> {
        // one replication rule is logged as an object, several as an array
        for (JsonNode rule : Policies.elements(rp.path("ReplicationConfiguration").path("Rule"))) {
          String account = rule.path("Destination").path("Account").asText(null);
          if (account != null) {
            out.add(Grantee.account(account, account));
          }
        }
      }
      // SQS AddPermission: AWSAccountIds; SNS AddPermission: AWSAccountId, logged as aWSAccountId
      case "sqs.amazonaws.com", "sns.amazonaws.com" -> {
        if ("AddPermission".equals(e.event().eventName())) {
          Policies.strings(rp.has("AWSAccountIds") ? rp.get("AWSAccountIds") : rp.get("aWSAccountId"))
              .forEach(p -> addPrincipal(p, out));
        }
      }
      // ExportTableToPointInTime: the account that owns the bucket the export is written to
      case "dynamodb.amazonaws.com" -> {
        String owner = rp.path("s3BucketOwner").asText(null);
        if ("ExportTableToPointInTime".equals(e.event().eventName()) && owner != null) {
          out.add(Grantee.account(owner, owner));
        }
      }
      default -> { }
    }
    return out;
  }

  private static void permissionItem(JsonNode item, List<Grantee> out) {
    if (item.hasNonNull("group")) {
      out.add(Grantee.everyone(item.get("group").asText()));
    }
    if (item.hasNonNull("userId")) {
      out.add(Grantee.account(item.get("userId").asText(), item.get("userId").asText()));
    }
    for (String arn : List.of("organizationArn", "organizationalUnitArn")) {
      if (item.hasNonNull(arn)) {
        addPrincipal(item.get(arn).asText(), out);
      }
    }
  }

  /**
   * AddPermission: {@code *} limited to an organization shares with that organization; {@code *}
   * limited to a source account lets only AWS services acting for that account in; {@code *}
   * alone is everyone. Service principals are left out.
   */
  private static void lambdaPrincipal(JsonNode rp, List<Grantee> out) {
    String principal = rp.path("principal").asText(null);
    if (principal == null) {
      return;
    }
    String organization = rp.path("principalOrgID").asText(null);
    String sourceAccount = rp.path("sourceAccount").asText(null);
    if (!principal.equals("*")) {
      addPrincipal(principal, out);
    } else if (organization != null) {
      out.add(new Grantee(Kind.ORGANIZATION, "organization " + organization, organization));
    } else if (sourceAccount != null) {
      out.add(Grantee.account(sourceAccount, sourceAccount));
    } else {
      out.add(Grantee.everyone(principal));
    }
  }

  private static void addPrincipal(String value, List<Grantee> out) {
    Grantee g = Grantee.principal(value);
    if (g != null) {
      out.add(g);
    }
  }
}
