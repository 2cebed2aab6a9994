package io.github.trailbench.core.iam;

import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.model.iam.AccountIds;
import io.github.trailbench.core.model.iam.S3AccessControl;
import io.github.trailbench.core.model.iam.S3AccessControls;
import io.github.trailbench.core.model.policy.ObjectOwnership;
import io.github.trailbench.core.model.policy.S3Acl;
import io.github.trailbench.core.policy.S3AclFormatException;
import io.github.trailbench.core.policy.S3AclReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads S3 ACL inputs: the {@code s3-acl/v1} JSON envelope around {@code get-bucket-acl} /
 * {@code get-object-acl} / {@code get-bucket-ownership-controls} output, the REST XML
 * {@code AccessControlPolicy} named by a {@code <?trailbench s3-acl/v1 …?>} instruction, and the
 * {@code acl} / {@code ownershipControls} / {@code accounts} fields of resource-policy manifest
 * entries (docs/iam-formats.md).
 */
final class S3AclFileReader {
  static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern S3_ARN = Pattern.compile("arn:aws[a-z-]*:s3:::[^/:]+(/.+)?");

  private S3AclFileReader() {}

  static S3AccessControls read(String file, String text) throws SourceFormatException {
    if (S3AclReader.looksLikeXml(text)) {
      return readXml(file, text);
    }
    Json json = Json.parse(file, text);
    if (json.roots().size() != 1) {
      throw json.roots().get(1).error("an s3-acl/v1 file holds one JSON object; found " + json.roots().size() + " values");
    }
    Json.At top = json.roots().get(0).object();
    String marker = top.field("trailbench").text();
    if (!marker.equals(IamSources.S3_ACL_V1)) {
      throw top.field("trailbench").error("unsupported envelope \"" + marker + "\"; this version reads \"" + IamSources.S3_ACL_V1 + "\"");
    }
    for (var it = top.node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!List.of("trailbench", "resourceArn", "resourceAccount", "acl", "ownershipControls", "accounts", "comment").contains(f)) {
        throw top.field(f).error("unknown field of an s3-acl/v1 envelope (expected resourceArn, resourceAccount, acl, ownershipControls, accounts)");
      }
    }
    S3AccessControl entry = entry(file, top, top.field("resourceArn"), true).orElseThrow(
        () -> top.error("an s3-acl/v1 envelope holds acl, ownershipControls or both"));
    return new S3AccessControls(file, List.of(entry), accounts(top.field("accounts")));
  }

  private static S3AccessControls readXml(String file, String text) throws SourceFormatException {
    S3AclReader.XmlAcl x;
    try {
      x = S3AclReader.fromXml(text);
    } catch (S3AclFormatException e) {
      throw new SourceFormatException(new SourceProblem(file, e.where(), e.reason()));
    }
    if (x.envelopeVersion() == null) {
      throw new SourceFormatException(new SourceProblem(file, "line 1, column 1",
          "an AccessControlPolicy names no bucket: put <?trailbench " + IamSources.S3_ACL_V1
              + " resourceArn=\"arn:aws:s3:::BUCKET[/KEY]\" resourceAccount=\"ACCOUNT\"?> before it"));
    }
    if (!x.envelopeVersion().equals(IamSources.S3_ACL_V1)) {
      throw new SourceFormatException(new SourceProblem(file, "<?trailbench?>",
          "unsupported envelope \"" + x.envelopeVersion() + "\"; this version reads \"" + IamSources.S3_ACL_V1 + "\""));
    }
    Map<String, String> env = x.envelope();
    String arn = env.get("resourceArn");
    String account = env.get("resourceAccount");
    String where = "<?trailbench?>";
    if (arn == null || !S3_ARN.matcher(arn).matches()) {
      throw new SourceFormatException(new SourceProblem(file, where + " resourceArn",
          arn == null ? "missing: the bucket or object the ACL belongs to" : "not an S3 bucket or object ARN: \"" + arn + "\""));
    }
    if (account == null || !ACCOUNT_ID.matcher(account).matches()) {
      throw new SourceFormatException(new SourceProblem(file, where + " resourceAccount",
          account == null ? "missing: the account owning the bucket (S3 ARNs carry none)" : "\"" + account + "\" is not an account id (12 digits)"));
    }
    return new S3AccessControls(file, List.of(new S3AccessControl(arn, account, Optional.of(x.acl()), Optional.empty(), file, "AccessControlPolicy")),
        List.of());
  }

  /**
   * The ACL and ownership controls of a manifest entry or envelope, or empty when it has neither.
   * {@code arnAt} names the bucket or object; {@code resourceAccount} is required.
   */
  static Optional<S3AccessControl> entry(String file, Json.At e, Json.At arnAt, boolean needArn) throws SourceFormatException {
    Json.At aclAt = e.field("acl");
    Json.At ownAt = e.field("ownershipControls");
    if (!aclAt.exists() && !ownAt.exists()) {
      return Optional.empty();
    }
    String arn = arnAt.nonEmptyText();
    if (!S3_ARN.matcher(arn).matches()) {
      throw arnAt.error("an ACL or ownership controls belong to an S3 bucket or object (arn:aws:s3:::BUCKET[/KEY]), not " + PolicyDocuments.quote(arn));
    }
    Json.At accountAt = e.field("resourceAccount");
    if (!accountAt.exists()) {
      throw accountAt.error("resourceAccount is required: " + arn + " carries no account, and the ACL's grants are read against it");
    }
    String account = accountAt.text();
    if (!ACCOUNT_ID.matcher(account).matches()) {
      throw accountAt.error("\"" + account + "\" is not an account id (12 digits)");
    }
    Optional<S3Acl> acl = Optional.empty();
    if (aclAt.exists()) {
      try {
        if (aclAt.node.isTextual()) {
          if (!S3AclReader.looksLikeXml(aclAt.node.textValue())) {
            throw aclAt.error("a string acl holds the REST XML AccessControlPolicy; give the get-bucket-acl JSON as an object");
          }
          acl = Optional.of(S3AclReader.fromXml(aclAt.node.textValue()).acl());
        } else {
          acl = Optional.of(S3AclReader.fromJson(aclAt.node));
        }
      } catch (S3AclFormatException x) {
        throw aclAt.error((x.where().isEmpty() ? "" : (aclAt.node.isTextual() ? "inside the XML at " : "") + x.where() + ": ") + x.reason());
      }
    }
    Optional<ObjectOwnership> ownership = Optional.empty();
    if (ownAt.exists()) {
      if (arn.substring(arn.indexOf(":::") + 3).contains("/")) {
        throw ownAt.error("ownership controls belong to a bucket, not an object: give them on an entry for the bucket");
      }
      try {
        ownership = Optional.of(S3AclReader.ownershipFromJson(ownAt.node));
      } catch (S3AclFormatException x) {
        throw ownAt.error((x.where().isEmpty() ? "" : x.where() + ": ") + x.reason());
      }
    }
    return Optional.of(new S3AccessControl(arn, account, acl, ownership, file, e.path.isEmpty() ? "top level" : e.path));
  }

  static List<AccountIds> accounts(Json.At at) throws SourceFormatException {
    List<AccountIds> out = new ArrayList<>();
    for (Json.At a : at.elements()) {
      a.object();
      String id = a.field("id").text();
      if (!ACCOUNT_ID.matcher(id).matches()) {
        throw a.field("id").error("\"" + id + "\" is not an account id (12 digits)");
      }
      Optional<String> canonical = a.field("canonicalUserId").optText();
      if (canonical.isPresent() && !canonical.get().matches("[0-9a-fA-F]{64}")) {
        throw a.field("canonicalUserId").error("a canonical user id is 64 hexadecimal digits, not \"" + canonical.get() + "\"");
      }
      out.add(new AccountIds(id, canonical, a.field("email").optText()));
    }
    return out;
  }
}
