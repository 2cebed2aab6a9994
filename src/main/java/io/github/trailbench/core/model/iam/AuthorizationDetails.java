package io.github.trailbench.core.model.iam;

import java.util.List;
import java.util.Optional;

/**
 * The contents of one {@code get-account-authorization-details} file. A file may hold several
 * pages (concatenated JSON documents or a JSON array of them); they are merged here.
 *
 * @param pages how many response pages the file held
 * @param truncated true when the last page says {@code IsTruncated: true}, so more pages exist
 * @param marker the last page's {@code Marker}, if any
 */
public record AuthorizationDetails(
    String file,
    List<IamUser> users,
    List<IamGroup> groups,
    List<IamRole> roles,
    List<ManagedPolicy> policies,
    int pages,
    boolean truncated,
    Optional<String> marker)
    implements IamSource {

  public AuthorizationDetails {
    users = Copies.list(users);
    groups = Copies.list(groups);
    roles = Copies.list(roles);
    policies = Copies.list(policies);
  }

  @Override
  public IamSourceKind kind() {
    return IamSourceKind.AUTHORIZATION_DETAILS;
  }
}
