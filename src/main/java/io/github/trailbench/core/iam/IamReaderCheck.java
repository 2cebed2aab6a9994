package io.github.trailbench.core.iam;

import io.github.trailbench.core.cloudtrail.IamSourceCheck;
import io.github.trailbench.core.cloudtrail.SourceKind;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.model.iam.IamSourceKind;

/**
 * Validates IAM inputs at import with the full readers, so a file the case keeps is one the
 * policy engine can use: bad policy JSON, formula cells, unknown policy ids are refused at import
 * with file, position and reason, not discovered later.
 */
public final class IamReaderCheck implements IamSourceCheck {
  public static final IamReaderCheck INSTANCE = new IamReaderCheck();

  private IamReaderCheck() {}

  @Override
  public void check(SourceKind kind, String file, byte[] content) throws SourceFormatException {
    IamSourceKind iamKind = switch (kind) {
      case CREDENTIAL_REPORT -> IamSourceKind.CREDENTIAL_REPORT;
      case IAM_AUTHORIZATION_DETAILS -> IamSourceKind.AUTHORIZATION_DETAILS;
      case ORGANIZATION_MANIFEST -> IamSourceKind.ORGANIZATION;
      case RESOURCE_POLICY_MANIFEST -> IamSourceKind.RESOURCE_POLICIES;
      case ACCESS_ADVISOR -> IamSourceKind.ACCESS_ADVISOR;
      case S3_ACL -> IamSourceKind.S3_ACL;
      default -> throw new SourceFormatException(new SourceProblem(file, "", "not an IAM input: " + kind));
    };
    IamSources.read(iamKind, file, content);
  }
}
