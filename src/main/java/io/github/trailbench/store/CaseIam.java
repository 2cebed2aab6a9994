package io.github.trailbench.store;

import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.iam.IamSources;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.iam.IamSource;
import io.github.trailbench.core.model.iam.IamSourceKind;
import java.util.ArrayList;
import java.util.List;

/** The IAM world of a case: its stored IAM inputs read into one snapshot. */
public final class CaseIam {
  private CaseIam() {}

  public static IamSnapshot snapshot(CaseStore store) throws SourceFormatException {
    List<IamSource> sources = new ArrayList<>();
    for (io.github.trailbench.store.IamSource stored : store.queries().iamSources()) {
      IamSourceKind kind = switch (stored.kind()) {
        case "CREDENTIAL_REPORT" -> IamSourceKind.CREDENTIAL_REPORT;
        case "IAM_AUTHORIZATION_DETAILS" -> IamSourceKind.AUTHORIZATION_DETAILS;
        case "ORGANIZATION_MANIFEST" -> IamSourceKind.ORGANIZATION;
        case "RESOURCE_POLICY_MANIFEST" -> IamSourceKind.RESOURCE_POLICIES;
        case "ACCESS_ADVISOR" -> IamSourceKind.ACCESS_ADVISOR;
        case "S3_ACL" -> IamSourceKind.S3_ACL;
        default -> null;
      };
      if (kind != null) {
        sources.add(IamSources.read(kind, stored.path(), stored.content()));
      }
    }
    return IamSnapshot.of(sources);
  }
}
