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

  private static final java.util.Set<String> COGNITO_PUBLIC = java.util.Set.of("cognito-identity:getid",
      "cognito-identity:getcredentialsforidentity", "cognito-identity:getopenidtoken", "cognito-identity:unlinkidentity");

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
   *   <li>{@code cognito-identity:GetId}, {@code GetCredentialsForIdentity}, {@code GetOpenIdToken},
   *       {@code UnlinkIdentity}, any caller (they are public: an app's anonymous users call them): Amazon
   *       Cognito API Reference, GetCredentialsForIdentity: "Amazon Cognito doesn't evaluate AWS Identity and
   *       Access Management (IAM) policies in requests for this API operation".
   * </ul>
   */
  public static Optional<String> reason(String action, PrincipalInfo.Kind caller) {
    String a = action.toLowerCase(Locale.ROOT);
    if (COGNITO_PUBLIC.contains(a)) {
      return Optional.of(action + " is a public Amazon Cognito identity pool call: \"Amazon Cognito doesn't evaluate AWS"
          + " Identity and Access Management (IAM) policies in requests for this API operation\" (Cognito API Reference)");
    }
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
