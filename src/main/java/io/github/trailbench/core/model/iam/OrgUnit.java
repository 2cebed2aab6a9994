package io.github.trailbench.core.model.iam;

import java.util.List;

/** The organization root ({@code r-...}) or an organizational unit ({@code ou-...}), with what is directly under it. */
public record OrgUnit(
    String id, String name, List<String> policyIds, List<OrgAccount> accounts, List<OrgUnit> organizationalUnits) {

  public OrgUnit {
    policyIds = Copies.list(policyIds);
    accounts = Copies.list(accounts);
    organizationalUnits = Copies.list(organizationalUnits);
  }

  public boolean isRoot() {
    return id.startsWith("r-");
  }
}
