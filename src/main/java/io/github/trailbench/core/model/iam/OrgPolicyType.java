package io.github.trailbench.core.model.iam;

/** Organization authorization policy types, spelled as AWS Organizations spells them. */
public enum OrgPolicyType {
  SERVICE_CONTROL_POLICY,
  RESOURCE_CONTROL_POLICY
}
