package io.github.trailbench.core.catalog;

import java.util.List;

/**
 * One IAM action of the catalog.
 *
 * @param accessLevels access levels, usually one; a few actions have two ("Tagging, Write")
 * @param servicePrefix IAM service prefix ({@code s3})
 * @param name action name as AWS spells it ({@code GetObject})
 * @param resourceTypes resource types the action can be scoped to, in catalog order
 * @param conditionKeys action-level condition keys
 * @param dependentActions actions AWS says are also needed
 */
public record ActionInfo(
    String servicePrefix,
    String name,
    List<AccessLevel> accessLevels,
    String description,
    List<ActionResourceType> resourceTypes,
    List<String> conditionKeys,
    List<String> dependentActions) {

  public ActionInfo {
    accessLevels = List.copyOf(accessLevels);
    resourceTypes = List.copyOf(resourceTypes);
    conditionKeys = List.copyOf(conditionKeys);
    dependentActions = List.copyOf(dependentActions);
  }

  /** The first (main) access level. */
  public AccessLevel accessLevel() {
    return accessLevels.isEmpty() ? AccessLevel.UNKNOWN : accessLevels.get(0);
  }

  /** {@code prefix:Name}, e.g. {@code s3:GetObject}. */
  public String fullName() {
    return servicePrefix + ":" + name;
  }
}
