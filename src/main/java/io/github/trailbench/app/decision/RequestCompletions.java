package io.github.trailbench.app.decision;

import io.github.trailbench.core.catalog.ActionCatalog;
import io.github.trailbench.core.catalog.ActionInfo;
import io.github.trailbench.core.catalog.ServiceInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Completions for the hand-written request form: IAM actions from the catalog, condition keys
 * (AWS's global keys, then the keys of the action's service), principal ARNs the evidence knows.
 * Matching is case-insensitive on the start of the text.
 */
public final class RequestCompletions {
  static final int LIMIT = 40;

  /** AWS global condition context keys (IAM User Guide, "AWS global condition context keys"). */
  static final List<String> GLOBAL_KEYS = List.of(
      "aws:CalledVia", "aws:CalledViaFirst", "aws:CalledViaLast", "aws:CurrentTime", "aws:EpochTime",
      "aws:FederatedProvider", "aws:MultiFactorAuthAge", "aws:MultiFactorAuthPresent", "aws:PrincipalAccount",
      "aws:PrincipalArn", "aws:PrincipalIsAWSService", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
      "aws:PrincipalServiceName", "aws:PrincipalServiceNamesList", "aws:PrincipalTag/", "aws:PrincipalType",
      "aws:referer", "aws:RequestedRegion", "aws:RequestTag/", "aws:ResourceAccount", "aws:ResourceOrgID",
      "aws:ResourceOrgPaths", "aws:ResourceTag/", "aws:SecureTransport", "aws:SourceAccount", "aws:SourceArn",
      "aws:SourceIdentity", "aws:SourceIp", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceVpc",
      "aws:SourceVpce", "aws:TagKeys", "aws:TokenIssueTime", "aws:UserAgent", "aws:userid", "aws:username",
      "aws:ViaAWSService", "aws:VpcSourceIp");

  private final Supplier<ActionCatalog> catalog;
  private final Supplier<List<String>> principals;

  /**
   * @param catalog the action catalog (asked only when an action is completed)
   * @param principals principal ARNs the evidence knows
   */
  public RequestCompletions(Supplier<ActionCatalog> catalog, Supplier<List<String>> principals) {
    this.catalog = catalog;
    this.principals = principals;
  }

  /** {@code s3:GetOb} → {@code s3:GetObject}, …; {@code s3} → service prefixes {@code s3:}, {@code s3express:} …. */
  public List<String> actions(String text) {
    String t = text == null ? "" : text.trim();
    if (t.isEmpty()) {
      return List.of();
    }
    int colon = t.indexOf(':');
    ActionCatalog c = catalog.get();
    List<String> out = new ArrayList<>();
    if (colon < 0) {
      for (String prefix : c.servicePrefixes()) {
        if (startsWith(prefix, t)) {
          out.add(prefix + ":");
        }
      }
      return limit(out);
    }
    Optional<ServiceInfo> service = c.service(t.substring(0, colon));
    String name = t.substring(colon + 1);
    service.ifPresent(s -> s.actions().stream().map(ActionInfo::fullName)
        .filter(a -> startsWith(a.substring(a.indexOf(':') + 1), name)).forEach(out::add));
    return limit(out);
  }

  /** Global keys first, then the service's and the action's own keys, e.g. {@code s3:prefix} for an S3 action. */
  public List<String> contextKeys(String text, String action) {
    String t = text == null ? "" : text.trim();
    Set<String> keys = new LinkedHashSet<>(GLOBAL_KEYS);
    if (action != null && action.contains(":")) {
      ActionCatalog c = catalog.get();
      c.action(action).ifPresent(a -> keys.addAll(a.conditionKeys()));
      c.service(action.substring(0, action.indexOf(':'))).ifPresent(s -> keys.addAll(s.conditionKeys().keySet()));
    }
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      if (startsWith(k, t)) {
        out.add(k);
      }
    }
    return limit(out);
  }

  /** Known principal ARNs containing the text (the account id or a name are typed more often than the ARN's start). */
  public List<String> principals(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.isEmpty()) {
      return List.of();
    }
    return limit(principals.get().stream().filter(p -> p.toLowerCase(Locale.ROOT).contains(t)).toList());
  }

  private static boolean startsWith(String s, String prefix) {
    return s.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  private static List<String> limit(List<String> all) {
    return List.copyOf(all.size() > LIMIT ? all.subList(0, LIMIT) : all);
  }
}
