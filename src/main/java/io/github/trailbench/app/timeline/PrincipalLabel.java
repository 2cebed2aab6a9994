package io.github.trailbench.app.timeline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A principal as an analyst reads it in a table cell: the role and session of an assumed role
 * ({@code OpsAdminRole/ci-maint}), {@code user/ci-deploy}, {@code role/Name}, {@code root}. The
 * account and partition are left out (the full ARN is the cell's tooltip).
 */
public final class PrincipalLabel {
  private static final Pattern ARN = Pattern.compile("arn:aws[\\w-]*:(iam|sts)::(\\d{12}):(.+)");

  private PrincipalLabel() {}

  public static String of(String principal) {
    if (principal == null || principal.isEmpty()) {
      return "";
    }
    Matcher m = ARN.matcher(principal);
    if (!m.matches()) {
      return principal;
    }
    String resource = m.group(3);
    int slash = resource.indexOf('/');
    String type = slash < 0 ? resource : resource.substring(0, slash);
    String rest = slash < 0 ? "" : resource.substring(slash + 1);
    return switch (type) {
      case "root" -> "root (" + m.group(2) + ")";
      case "assumed-role" -> rest;
      // a path (user/dev/alice) is dropped: the name is unique in the account
      case "user", "role", "group" -> type + "/" + rest.substring(rest.lastIndexOf('/') + 1);
      default -> resource;
    };
  }
}
