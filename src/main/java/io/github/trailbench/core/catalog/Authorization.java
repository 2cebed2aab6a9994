package io.github.trailbench.core.catalog;

/** How a logged call is authorized, as far as the catalog and its exceptions tell. */
public enum Authorization {
  /** IAM policies decide; {@link ActionMapping#actions()} are the actions evaluated (all required). */
  IAM,
  /**
   * No IAM policy can deny the call (sts:GetCallerIdentity, sts:GetSessionToken with a long-term
   * key, console sign-in events). {@link ActionMapping#nominalActions()} names the IAM action that
   * exists for it, if any; a Deny on it has no effect.
   */
  NOT_DENIABLE,
  /** Not a request by a principal (AwsServiceEvent, Insights): nothing was authorized. */
  NOT_A_REQUEST,
  /** The catalog does not know which action authorizes this event; see the reason. */
  UNKNOWN
}
