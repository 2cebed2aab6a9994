package io.github.trailbench.core.policy;

import io.github.trailbench.core.model.policy.AclPermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which S3 actions each ACL permission grants, on a bucket ACL and on an object ACL. Every row is
 * from the S3 User Guide's <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#acl-access-policy-permission-mapping">
 * Access control list (ACL) overview, "Mapping of ACL permissions and access policy permissions"</a>;
 * FULL_CONTROL is "equivalent to granting READ, WRITE, READ_ACP, and WRITE_ACP" there.
 */
public final class S3AclPermissions {

  /** Whether a grant sits in a bucket's ACL or in an object's. */
  public enum Level {
    BUCKET("bucket"), OBJECT("object");

    private final String word;

    Level(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  /** One row of the mapping: what {@code permission} in a {@code level} ACL grants, and where that is written. */
  public record Row(AclPermission permission, Level level, List<String> actions, String source) {
    public Row {
      actions = List.copyOf(actions);
    }
  }

  static final String PAGE = "S3 User Guide, Access control list (ACL) overview, Mapping of ACL permissions and access policy permissions";

  /** The table. WRITE on an object grants nothing ("Not applicable"). */
  public static final List<Row> ROWS = List.of(
      new Row(AclPermission.READ, Level.BUCKET, List.of("s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"),
          PAGE + ": READ on a bucket maps to s3:ListBucket, s3:ListBucketVersions, and s3:ListBucketMultipartUploads"),
      new Row(AclPermission.WRITE, Level.BUCKET, List.of("s3:PutObject"),
          PAGE + ": WRITE on a bucket maps to s3:PutObject (deleting and overwriting others' objects is the bucket owner's, not the grantee's)"),
      new Row(AclPermission.READ_ACP, Level.BUCKET, List.of("s3:GetBucketAcl"),
          PAGE + ": READ_ACP on a bucket maps to s3:GetBucketAcl"),
      new Row(AclPermission.WRITE_ACP, Level.BUCKET, List.of("s3:PutBucketAcl"),
          PAGE + ": WRITE_ACP on a bucket maps to s3:PutBucketAcl"),
      new Row(AclPermission.READ, Level.OBJECT, List.of("s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTorrent"),
          PAGE + ": READ on an object maps to s3:GetObject, s3:GetObjectVersion, and s3:GetObjectTorrent"),
      new Row(AclPermission.WRITE, Level.OBJECT, List.of(),
          PAGE + ": WRITE on an object is not applicable"),
      new Row(AclPermission.READ_ACP, Level.OBJECT, List.of("s3:GetObjectAcl", "s3:GetObjectVersionAcl"),
          PAGE + ": READ_ACP on an object maps to s3:GetObjectAcl and s3:GetObjectVersionAcl"),
      new Row(AclPermission.WRITE_ACP, Level.OBJECT, List.of("s3:PutObjectAcl", "s3:PutObjectVersionAcl"),
          PAGE + ": WRITE_ACP on an object maps to s3:PutObjectAcl and s3:PutObjectVersionAcl"));

  private S3AclPermissions() {}

  /** The row that grants an action, with the ACL it lives in; empty when no ACL permission grants it. */
  public static Optional<Row> rowFor(String action) {
    String a = action.toLowerCase(Locale.ROOT);
    for (Row r : ROWS) {
      for (String x : r.actions()) {
        if (x.toLowerCase(Locale.ROOT).equals(a)) {
          return Optional.of(r);
        }
      }
    }
    return Optional.empty();
  }

  /** The actions a permission grants in an ACL of the given level (FULL_CONTROL: all four rows). */
  public static List<String> actions(AclPermission permission, Level level) {
    List<String> out = new ArrayList<>();
    for (Row r : ROWS) {
      if (r.level() == level && (permission == AclPermission.FULL_CONTROL || r.permission() == permission)) {
        out.addAll(r.actions());
      }
    }
    return out;
  }

  /** Whether a grant of {@code granted} covers what the row needs: the row's own permission, or FULL_CONTROL. */
  public static boolean covers(AclPermission granted, Row needed) {
    return granted == needed.permission() || granted == AclPermission.FULL_CONTROL;
  }
}
