package io.github.trailbench.core.iam;

import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.iam.AttachedPolicy;
import io.github.trailbench.core.model.iam.AuthorizationDetails;
import io.github.trailbench.core.model.iam.IamGroup;
import io.github.trailbench.core.model.iam.IamRole;
import io.github.trailbench.core.model.iam.IamUser;
import io.github.trailbench.core.model.iam.InlinePolicy;
import io.github.trailbench.core.model.iam.InstanceProfile;
import io.github.trailbench.core.model.iam.ManagedPolicy;
import io.github.trailbench.core.model.iam.PolicyVersion;
import io.github.trailbench.core.model.iam.RoleLastUsed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code aws iam get-account-authorization-details} output. A file may hold one response,
 * several responses one after another (pages appended with {@code >>}), or a JSON array of
 * responses; the pages are merged, an entity listed on two pages is kept once (the later page
 * wins). Policy documents may be objects, JSON strings or URL-encoded JSON.
 */
final class AuthorizationDetailsReader {
  static final List<String> LISTS = List.of("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies");

  private AuthorizationDetailsReader() {}

  /** True when a top-level object has one of the response's lists. */
  static boolean looksLikePage(com.fasterxml.jackson.databind.JsonNode node) {
    return node != null && node.isObject() && LISTS.stream().anyMatch(node::has);
  }

  static AuthorizationDetails read(String file, String text) throws SourceFormatException {
    Json json = Json.parse(file, text);
    List<Json.At> pages = new ArrayList<>();
    for (Json.At root : json.roots()) {
      if (root.node.isArray()) {
        pages.addAll(root.elements());
      } else {
        pages.add(root);
      }
    }
    Map<String, IamUser> users = new LinkedHashMap<>();
    Map<String, IamGroup> groups = new LinkedHashMap<>();
    Map<String, IamRole> roles = new LinkedHashMap<>();
    Map<String, ManagedPolicy> policies = new LinkedHashMap<>();
    boolean truncated = false;
    Optional<String> marker = Optional.empty();
    for (Json.At page : pages) {
      page.object();
      if (!looksLikePage(page.node)) {
        throw page.error("not a get-account-authorization-details response: none of " + String.join(", ", LISTS) + " is present");
      }
      for (Json.At u : page.field("UserDetailList").elements()) {
        IamUser user = user(file, u);
        users.put(user.arn(), user);
      }
      for (Json.At g : page.field("GroupDetailList").elements()) {
        IamGroup group = group(file, g);
        groups.put(group.arn(), group);
      }
      for (Json.At r : page.field("RoleDetailList").elements()) {
        IamRole role = role(file, r);
        roles.put(role.arn(), role);
      }
      for (Json.At p : page.field("Policies").elements()) {
        ManagedPolicy policy = policy(file, p);
        policies.put(policy.arn(), policy);
      }
      // a raw API page says IsTruncated and Marker; the AWS CLI cut by --max-items prints a NextToken instead
      Optional<String> nextToken = page.field("NextToken").optText();
      truncated = page.field("IsTruncated").optBool().orElse(false) || nextToken.isPresent();
      marker = page.field("Marker").optText().or(() -> nextToken);
    }
    return new AuthorizationDetails(file, List.copyOf(users.values()), List.copyOf(groups.values()),
        List.copyOf(roles.values()), List.copyOf(policies.values()), pages.size(), truncated, marker);
  }

  private static IamUser user(String file, Json.At u) throws SourceFormatException {
    u.object();
    return new IamUser(
        u.field("Path").optText().orElse("/"),
        u.field("UserName").nonEmptyText(),
        u.field("UserId").optText().orElse(""),
        arn(u.field("Arn")),
        u.field("CreateDate").optTime(),
        groupNames(u.field("GroupList")),
        inline(u.field("UserPolicyList")),
        attached(u.field("AttachedManagedPolicies")),
        boundary(u.field("PermissionsBoundary")),
        u.field("Tags").tags(),
        file);
  }

  private static IamGroup group(String file, Json.At g) throws SourceFormatException {
    g.object();
    return new IamGroup(
        g.field("Path").optText().orElse("/"),
        g.field("GroupName").nonEmptyText(),
        g.field("GroupId").optText().orElse(""),
        arn(g.field("Arn")),
        g.field("CreateDate").optTime(),
        inline(g.field("GroupPolicyList")),
        attached(g.field("AttachedManagedPolicies")),
        file);
  }

  private static IamRole role(String file, Json.At r) throws SourceFormatException {
    r.object();
    List<InstanceProfile> profiles = new ArrayList<>();
    for (Json.At ip : r.field("InstanceProfileList").elements()) {
      ip.object();
      List<String> roleNames = new ArrayList<>();
      for (Json.At pr : ip.field("Roles").elements()) {
        pr.object();
        roleNames.add(pr.field("RoleName").text());
      }
      profiles.add(new InstanceProfile(
          ip.field("Path").optText().orElse("/"),
          ip.field("InstanceProfileName").nonEmptyText(),
          ip.field("InstanceProfileId").optText().orElse(""),
          arn(ip.field("Arn")),
          ip.field("CreateDate").optTime(),
          roleNames));
    }
    RoleLastUsed lastUsed = RoleLastUsed.NEVER;
    Json.At lu = r.field("RoleLastUsed");
    if (lu.exists()) {
      lu.object();
      lastUsed = new RoleLastUsed(lu.field("LastUsedDate").optTime(), lu.field("Region").optText());
    }
    return new IamRole(
        r.field("Path").optText().orElse("/"),
        r.field("RoleName").nonEmptyText(),
        r.field("RoleId").optText().orElse(""),
        arn(r.field("Arn")),
        r.field("CreateDate").optTime(),
        PolicyDocuments.read(r.field("AssumeRolePolicyDocument")),
        profiles,
        inline(r.field("RolePolicyList")),
        attached(r.field("AttachedManagedPolicies")),
        boundary(r.field("PermissionsBoundary")),
        r.field("Tags").tags(),
        lastUsed,
        file);
  }

  private static ManagedPolicy policy(String file, Json.At p) throws SourceFormatException {
    p.object();
    String arn = arn(p.field("Arn"));
    Optional<String> defaultId = p.field("DefaultVersionId").optText();
    List<PolicyVersion> versions = new ArrayList<>();
    List<Json.At> versionNodes = p.field("PolicyVersionList").requiredElements();
    if (versionNodes.isEmpty()) {
      throw p.field("PolicyVersionList").error("a managed policy needs at least one version");
    }
    int defaults = 0;
    for (Json.At v : versionNodes) {
      v.object();
      String id = v.field("VersionId").nonEmptyText();
      Optional<Boolean> isDefault = v.field("IsDefaultVersion").optBool();
      boolean def = isDefault.orElse(defaultId.map(id::equals).orElse(false));
      if (def) {
        defaults++;
        if (defaults > 1) {
          throw v.field("IsDefaultVersion").error("a second default version (" + id + ") of " + arn);
        }
        if (defaultId.isPresent() && !defaultId.get().equals(id)) {
          throw v.field("IsDefaultVersion").error("version " + id + " is marked default but DefaultVersionId is " + defaultId.get());
        }
      }
      versions.add(new PolicyVersion(id, def, v.field("CreateDate").optTime(), PolicyDocuments.read(v.field("Document"))));
    }
    if (defaults == 0) {
      throw p.field("PolicyVersionList").error(defaultId
          .map(d -> "DefaultVersionId " + d + " is not among the listed versions of " + arn)
          .orElse("no version of " + arn + " is the default (IsDefaultVersion) and DefaultVersionId is absent"));
    }
    String defaultVersionId = versions.stream().filter(PolicyVersion::isDefaultVersion).findFirst().orElseThrow().versionId();
    return new ManagedPolicy(
        p.field("PolicyName").nonEmptyText(),
        p.field("PolicyId").optText().orElse(""),
        arn,
        p.field("Path").optText().orElse("/"),
        defaultVersionId,
        p.field("AttachmentCount").optInt(),
        p.field("IsAttachable").optBool(),
        p.field("Description").optText(),
        p.field("CreateDate").optTime(),
        p.field("UpdateDate").optTime(),
        versions,
        file);
  }

  private static String arn(Json.At a) throws SourceFormatException {
    String arn = a.nonEmptyText();
    if (!arn.startsWith("arn:") || arn.split(":", 6).length < 6) {
      throw a.error("not an ARN: " + PolicyDocuments.quote(arn));
    }
    return arn;
  }

  private static List<String> groupNames(Json.At list) throws SourceFormatException {
    List<String> out = new ArrayList<>();
    for (Json.At g : list.elements()) {
      out.add(g.nonEmptyText());
    }
    return out;
  }

  private static List<InlinePolicy> inline(Json.At list) throws SourceFormatException {
    List<InlinePolicy> out = new ArrayList<>();
    for (Json.At p : list.elements()) {
      p.object();
      out.add(new InlinePolicy(p.field("PolicyName").nonEmptyText(), PolicyDocuments.read(p.field("PolicyDocument"))));
    }
    return out;
  }

  private static List<AttachedPolicy> attached(Json.At list) throws SourceFormatException {
    List<AttachedPolicy> out = new ArrayList<>();
    for (Json.At p : list.elements()) {
      p.object();
      String arn = arn(p.field("PolicyArn"));
      out.add(new AttachedPolicy(p.field("PolicyName").optText().orElse(arn.substring(arn.lastIndexOf('/') + 1)), arn));
    }
    return out;
  }

  private static Optional<AttachedPolicy> boundary(Json.At b) throws SourceFormatException {
    if (!b.exists()) {
      return Optional.empty();
    }
    b.object();
    String arn = arn(b.field("PermissionsBoundaryArn"));
    return Optional.of(new AttachedPolicy(arn.substring(arn.lastIndexOf('/') + 1), arn));
  }

}
