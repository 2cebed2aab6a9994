package io.github.trailbench.core.catalog;

import java.util.List;

/**
 * Which IAM actions a logged call was authorized as.
 *
 * @param eventSource as logged ({@code s3.amazonaws.com})
 * @param eventName as logged, possibly versioned ({@code GetFunctionConfiguration20150331v2})
 * @param authorization how the call is authorized
 * @param actions actions IAM evaluated for the call, canonical spelling, all required; empty when
 *     none (not deniable, not a request) or unknown
 * @param nominalActions for {@link Authorization#NOT_DENIABLE}: the IAM action named after the
 *     call (e.g. {@code sts:GetCallerIdentity}) that a Deny does not stop; else empty
 * @param dataEvent the call is a CloudTrail data event (logged only if the trail logs data events)
 * @param trustPolicyOnly the caller is not an AWS principal yet (AssumeRoleWithSAML/WebIdentity):
 *     only the role's trust policy decides
 * @param signInEvent a console sign-in event, which has no IAM action of its own
 * @param baseName event name without an API-version suffix
 * @param source where the mapping comes from (data-file source or "default rule")
 * @param notes further explanations (rules that applied, reasons)
 */
public record ActionMapping(
    String eventSource,
    String eventName,
    Authorization authorization,
    List<String> actions,
    List<String> nominalActions,
    boolean dataEvent,
    boolean trustPolicyOnly,
    boolean signInEvent,
    String baseName,
    String source,
    List<String> notes) {

  public ActionMapping {
    actions = List.copyOf(actions);
    nominalActions = List.copyOf(nominalActions);
    notes = List.copyOf(notes);
  }

  /** True unless the authorizing action is unknown. */
  public boolean known() {
    return authorization != Authorization.UNKNOWN;
  }

  /** True when the logged name carried an API-version suffix that was stripped. */
  public boolean versionedName() {
    return baseName != null && eventName != null && !baseName.equals(eventName);
  }
}
