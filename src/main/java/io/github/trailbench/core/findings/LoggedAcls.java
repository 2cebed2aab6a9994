package io.github.trailbench.core.findings;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.model.policy.AclGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grants of a logged {@code PutBucketAcl} / {@code PutObjectAcl} request, for the rule operator
 * {@code aclExposes}: from its {@code AccessControlPolicy} body, its {@code x-amz-grant-*} headers,
 * or its canned {@code x-amz-acl}, each grant classed as public (AllUsers, AuthenticatedUsers) or
 * to another account (a canonical id other than the policy's Owner, or an e-mail address).
 */
final class LoggedAcls {
  /** Who a grant opens the resource to. */
  enum Audience {
    PUBLIC("public"), OTHER_ACCOUNT("otherAccount");

    final String word;

    Audience(String word) {
      this.word = word;
    }

    static Optional<Audience> of(String word) {
      for (Audience a : values()) {
        if (a.word.equals(word)) {
          return Optional.of(a);
        }
      }
      return Optional.empty();
    }
  }

  /** One grant read from the request, with whom it opens the resource to (null: neither). */
  record LoggedGrant(String permission, String grantee, Audience audience) {}

  private static final List<String> HEADER_PERMISSIONS = List.of("read", "write", "read-acp", "write-acp", "full-control");
  private static final Pattern HEADER_GRANTEE = Pattern.compile("(uri|id|emailAddress)\\s*=\\s*\"?([^\",]+)\"?", Pattern.CASE_INSENSITIVE);

  /**
   * The canonical id of AWS's awslogsdelivery account, which CloudFront's standard (legacy) logging
   * grants FULL_CONTROL on its log bucket (Amazon CloudFront Developer Guide, standard logging): AWS
   * delivering logs, like the S3 LogDelivery group, not another party's account.
   */
  static final String CLOUDFRONT_LOG_DELIVERY = "c4c1ede66af53448b93c283ce9448c4ba468c9432aa01d700d3878632f77d2d0";

  private LoggedAcls() {}

  /** A grant in words for a finding's summary: "AllUsers (canned public-read) READ". */
  static String describe(LoggedGrant g) {
    return g.grantee() + " " + g.permission();
  }

  /** Who an id grant opens the resource to: AWS's log delivery, the owner (null) or another account. */
  private static Audience idAudience(String id, boolean own) {
    return own || CLOUDFRONT_LOG_DELIVERY.equalsIgnoreCase(id) ? null : Audience.OTHER_ACCOUNT;
  }

  private static String idLabel(String id) {
    return CLOUDFRONT_LOG_DELIVERY.equalsIgnoreCase(id) ? "AWS log delivery for CloudFront (canonical user " + id + ")"
        : "canonical user " + id;
  }

  static List<LoggedGrant> grants(JsonNode requestParameters) {
    List<LoggedGrant> out = new ArrayList<>();
    if (requestParameters == null || !requestParameters.isObject()) {
      return out;
    }
    for (String canned : texts(requestParameters.get("x-amz-acl"))) {
      switch (canned.strip()) {
        case "public-read" -> out.add(new LoggedGrant("READ", "AllUsers (canned public-read)", Audience.PUBLIC));
        case "public-read-write" -> {
          out.add(new LoggedGrant("READ", "AllUsers (canned public-read-write)", Audience.PUBLIC));
          out.add(new LoggedGrant("WRITE", "AllUsers (canned public-read-write)", Audience.PUBLIC));
        }
        case "authenticated-read" -> out.add(new LoggedGrant("READ", "AuthenticatedUsers (canned authenticated-read)", Audience.PUBLIC));
        default -> { }
      }
    }
    for (String perm : HEADER_PERMISSIONS) {
      for (String value : texts(requestParameters.get("x-amz-grant-" + perm))) {
        Matcher m = HEADER_GRANTEE.matcher(value);
        while (m.find()) {
          String type = m.group(1).toLowerCase(Locale.ROOT);
          String who = m.group(2).strip();
          String permission = perm.toUpperCase(Locale.ROOT).replace('-', '_');
          // the owner's canonical id is not in a header-form request: an explicit id grant names another account
          out.add(type.equals("uri") ? group(permission, who) : type.equals("id")
              ? new LoggedGrant(permission, idLabel(who), idAudience(who, false))
              : new LoggedGrant(permission, "account with e-mail " + who, Audience.OTHER_ACCOUNT));
        }
      }
    }
    JsonNode policy = requestParameters.get("AccessControlPolicy");
    if (policy != null && policy.isObject()) {
      String owner = policy.path("Owner").path("ID").asText(null);
      JsonNode list = policy.path("AccessControlList").get("Grant");
      List<JsonNode> grants = new ArrayList<>();
      if (list != null && list.isArray()) {
        list.forEach(grants::add);
      } else if (list != null && list.isObject()) {
        grants.add(list);
      }
      for (JsonNode g : grants) {
        JsonNode grantee = g.path("Grantee");
        String permission = g.path("Permission").asText("");
        String uri = grantee.path("URI").asText(null);
        String id = grantee.path("ID").asText(null);
        String email = grantee.path("EmailAddress").asText(null);
        if (uri != null) {
          out.add(group(permission, uri));
        } else if (id != null) {
          boolean own = owner != null && owner.equalsIgnoreCase(id.strip());
          out.add(new LoggedGrant(permission, idLabel(id.strip()), idAudience(id.strip(), own)));
        } else if (email != null) {
          out.add(new LoggedGrant(permission, "account with e-mail " + email.strip(), Audience.OTHER_ACCOUNT));
        }
      }
    }
    return out;
  }

  private static LoggedGrant group(String permission, String uri) {
    Optional<AclGroup> g = AclGroup.ofUri(uri);
    if (g.isEmpty()) {
      return new LoggedGrant(permission, "group " + uri, null);
    }
    return new LoggedGrant(permission, g.get().label(), g.get() == AclGroup.LOG_DELIVERY ? null : Audience.PUBLIC);
  }

  private static List<String> texts(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isArray()) {
      n.forEach(x -> {
        if (x.isValueNode()) {
          out.add(x.asText());
        }
      });
    } else if (n.isValueNode()) {
      out.add(n.asText());
    }
    return out;
  }
}
