package io.github.trailbench.core.findings;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.util.Locale;

/**
 * Why a logged call failed, in the few words a finding's title can carry, for example "denied by
 * SCP ProtectSecurityTooling on OU Production". A case with IAM data answers from the policy
 * engine's decision on the event (store.CaseDetections); {@link #fromLog()} reads only what
 * CloudTrail's error message says.
 */
@FunctionalInterface
public interface DenialExplainer {
  /** The reason, starting in lower case ("denied by …"), or null when nothing can be said. */
  String whyDenied(CloudTrailEvent event);

  /** From the error code and message alone: which kind of policy denied, when AWS says so. */
  static DenialExplainer fromLog() {
    return DenialExplainer::fromErrorMessage;
  }

  /** This explainer, and {@link #fromLog()} where it has no answer. */
  default DenialExplainer orFromLog() {
    return e -> {
      String why = whyDenied(e);
      return why != null ? why : fromErrorMessage(e);
    };
  }

  private static String fromErrorMessage(CloudTrailEvent e) {
    String code = e.errorCode();
    if (code == null || code.isEmpty()) {
      return "signin.amazonaws.com".equals(e.eventSource()) ? "failed" : null;
    }
    String m = e.errorMessage() == null ? "" : e.errorMessage().toLowerCase(Locale.ROOT);
    if ("VpceAccessDenied".equals(code) || m.contains("vpc endpoint policy")) {
      String account = e.userIdentity() == null ? null : e.userIdentity().accountId();
      return "denied by the VPC endpoint policy of " + (e.vpcEndpointId() == null ? "the endpoint" : e.vpcEndpointId())
          + (account != null && !account.equals(e.recipientAccountId()) ? " (caller of account " + account + ")" : "");
    }
    if (m.contains("service control policy")) {
      return "denied by a service control policy";
    }
    if (m.contains("resource control policy")) {
      return "denied by a resource control policy";
    }
    if (m.contains("permissions boundary")) {
      return "denied by a permissions boundary";
    }
    if (m.contains("explicit deny in a resource-based policy")) {
      return "denied by a resource-based policy";
    }
    if (m.contains("explicit deny in an identity-based policy")) {
      return "denied by an identity-based policy";
    }
    if (m.contains("no identity-based policy allows")) {
      return "denied: no identity-based policy allows it";
    }
    return "failed with " + code;
  }
}
