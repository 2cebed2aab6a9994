package io.github.trailbench.core.iam;

import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.iam.OrgAccount;
import io.github.trailbench.core.model.iam.OrgPolicy;
import io.github.trailbench.core.model.iam.OrgPolicyType;
import io.github.trailbench.core.model.iam.OrgUnit;
import io.github.trailbench.core.model.iam.Organization;
import io.github.trailbench.core.model.iam.PolicyDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the Trailbench organization manifest ({@code "trailbench": "organization/v1"}, see
 * docs/iam-formats.md). Refuses unknown policy ids, an account or OU listed twice, and ids that
 * do not have AWS Organizations' shape.
 */
final class OrganizationReader {
  static final Pattern ORG_ID = Pattern.compile("o-[a-z0-9]{10,32}");
  static final Pattern ROOT_ID = Pattern.compile("r-[0-9a-z]{4,32}");
  static final Pattern OU_ID = Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}");
  static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  static final Pattern POLICY_ID = Pattern.compile("p-[0-9a-zA-Z_]{8,128}");

  /** Documents of the AWS-managed policies, which a manifest may leave out. */
  static final Map<String, String> WELL_KNOWN = Map.of(
      "p-FullAWSAccess",
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
      "p-RCPFullAWSAccess",
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}");

  private OrganizationReader() {}

  static Organization read(String file, String text) throws SourceFormatException {
    Json json = Json.parse(file, text);
    if (json.roots().size() != 1) {
      throw json.roots().get(1).error("an organization manifest holds one JSON object; found " + json.roots().size() + " values");
    }
    Json.At top = json.roots().get(0).object();
    String marker = top.field("trailbench").text();
    if (!marker.equals(IamSources.ORGANIZATION_V1)) {
      throw top.field("trailbench").error("unsupported manifest \"" + marker + "\"; this version reads \"" + IamSources.ORGANIZATION_V1 + "\"");
    }
    String orgId = id(top.field("organizationId"), ORG_ID, "an organization id (o- and 10 to 32 lowercase letters or digits)");
    String management = id(top.field("managementAccountId"), ACCOUNT_ID, "an account id (12 digits)");

    Map<String, OrgPolicy> policies = new LinkedHashMap<>();
    for (Json.At p : top.field("policies").requiredElements()) {
      p.object();
      Json.At idAt = p.field("id");
      String id = id(idAt, POLICY_ID, "a policy id (p- and 8 to 128 letters, digits or _)");
      if (policies.containsKey(id)) {
        throw idAt.error("policy id " + id + " is listed twice");
      }
      Json.At typeAt = p.field("type");
      String typeText = typeAt.text();
      OrgPolicyType type;
      try {
        type = OrgPolicyType.valueOf(typeText);
      } catch (IllegalArgumentException e) {
        throw typeAt.error("unknown policy type \"" + typeText + "\"; expected SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY");
      }
      Json.At docAt = p.field("document");
      PolicyDocument document;
      if (!docAt.exists() && WELL_KNOWN.containsKey(id)) {
        document = new PolicyDocument(WELL_KNOWN.get(id), PolicyDocument.Encoding.JSON_STRING);
      } else {
        document = PolicyDocuments.read(ResourcePolicyReader.unwrap(docAt));
      }
      policies.put(id, new OrgPolicy(id, p.field("name").nonEmptyText(), type,
          p.field("awsManaged").optBool().orElse(WELL_KNOWN.containsKey(id)), p.field("description").optText(), document));
    }

    Tree tree = new Tree(policies);
    Json.At rootAt = top.field("root").object();
    String rootId = id(rootAt.field("id"), ROOT_ID, "a root id (r- and 4 to 32 lowercase letters or digits)");
    OrgUnit root = tree.unit(rootAt, rootId);
    return new Organization(file, orgId, management, policies, root);
  }

  private static String id(Json.At at, Pattern pattern, String what) throws SourceFormatException {
    String id = at.text();
    if (!pattern.matcher(id).matches()) {
      throw at.error("\"" + id + "\" is not " + what);
    }
    return id;
  }

  /** Walks the tree, remembering where each account and OU was first seen. */
  private static final class Tree {
    private final Map<String, OrgPolicy> policies;
    private final Map<String, String> seen = new HashMap<>();

    Tree(Map<String, OrgPolicy> policies) {
      this.policies = policies;
    }

    OrgUnit unit(Json.At at, String id) throws SourceFormatException {
      remember(at.field("id"), id, "organizational unit");
      String name = at.field("name").optText().orElse(id.startsWith("r-") ? "Root" : id);
      List<String> attached = policyIds(at.field("policies"));
      List<OrgAccount> accounts = new ArrayList<>();
      for (Json.At a : at.field("accounts").elements()) {
        a.object();
        Json.At idAt = a.field("id");
        String accountId = id(idAt, ACCOUNT_ID, "an account id (12 digits)");
        remember(idAt, accountId, "account");
        accounts.add(new OrgAccount(accountId, a.field("name").optText().orElse(accountId), policyIds(a.field("policies"))));
      }
      List<OrgUnit> children = new ArrayList<>();
      for (Json.At ou : at.field("organizationalUnits").elements()) {
        ou.object();
        children.add(unit(ou, id(ou.field("id"), OU_ID, "an OU id (ou-, 4 to 32 and 8 to 32 lowercase letters or digits)")));
      }
      return new OrgUnit(id, name, attached, accounts, children);
    }

    private void remember(Json.At at, String id, String what) throws SourceFormatException {
      String first = seen.putIfAbsent(id, at.path);
      if (first != null) {
        throw at.error(what + " " + id + " appears twice in the tree: also at " + first);
      }
    }

    private List<String> policyIds(Json.At list) throws SourceFormatException {
      Set<String> ids = new LinkedHashSet<>();
      for (Json.At p : list.elements()) {
        String id = p.text();
        if (!policies.containsKey(id)) {
          throw p.error("unknown policy id \"" + id + "\": not in the manifest's policies");
        }
        if (!ids.add(id)) {
          throw p.error("policy " + id + " is attached twice here");
        }
      }
      return List.copyOf(ids);
    }
  }
}
