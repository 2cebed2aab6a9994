package io.github.trailbench.core.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * Calls that no policy can deny: AWS answers them for any signed caller, whatever the policies
 * say. The catalog marks the logged events that map to them "not deniable" (its test keeps both
 * lists in step).
 */
public final class NotDeniable {
  /** Id of the trace step that says a call is not deniable (present only for such calls). */
  public static final String STEP_ID = "8";

  private NotDeniable() {}

  /**
   * Why the call cannot be denied, for this kind of caller; empty when policies decide.
   *
   * <ul>
   *   <li>{@code sts:GetCallerIdentity}, any IAM identity: STS API reference, GetCallerIdentity:
   *       "No permissions are required to perform this operation. If an administrator attaches a
   *       policy to your identity that explicitly denies access to the sts:GetCallerIdentity
   *       action, you can still perform this operation."
   *   <li>{@code sts:GetSessionToken}, an IAM user or the root user (long-term keys; a session
   *       is refused by STS itself): IAM User Guide, "Permissions for GetSessionToken": "No
   *       permissions are required for a user to get a session token … You cannot use policies
   *       to control authentication operations."
   * </ul>
   */
  public static Optional<String> reason(String action, PrincipalInfo.Kind caller) {
    String a = action.toLowerCase(Locale.ROOT);
    if (a.equals("sts:getcalleridentity") && caller.isIamIdentity()) {
      return Optional.of("sts:GetCallerIdentity needs no permission: AWS answers it for any signed caller, even against an"
          + " explicit Deny (STS API reference: \"No permissions are required to perform this operation\")");
    }
    if (a.equals("sts:getsessiontoken") && (caller == PrincipalInfo.Kind.USER || caller == PrincipalInfo.Kind.ROOT)) {
      return Optional.of("sts:GetSessionToken needs no permission for a user with long-term keys: \"You cannot use"
          + " policies to control authentication operations\" (IAM User Guide, Permissions for GetSessionToken)");
    }
    return Optional.empty();
  }
}
