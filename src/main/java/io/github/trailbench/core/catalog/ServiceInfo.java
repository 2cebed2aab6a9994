package io.github.trailbench.core.catalog;

import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One service of the catalog: its IAM prefix, name, actions, resource types and condition keys. */
public final class ServiceInfo {
  private final String prefix;
  private final String name;
  private final Map<String, ActionInfo> actionsByLowerName;
  private final Map<String, ResourceTypeInfo> resourceTypes;
  private final Map<String, ConditionKeyInfo> conditionKeys;

  ServiceInfo(
      String prefix,
      String name,
      Map<String, ActionInfo> actionsByLowerName,
      Map<String, ResourceTypeInfo> resourceTypes,
      Map<String, ConditionKeyInfo> conditionKeys) {
    this.prefix = prefix;
    this.name = name;
    this.actionsByLowerName = Collections.unmodifiableMap(actionsByLowerName);
    this.resourceTypes = Collections.unmodifiableMap(resourceTypes);
    this.conditionKeys = Collections.unmodifiableMap(conditionKeys);
  }

  public String prefix() {
    return prefix;
  }

  public String name() {
    return name;
  }

  /** Actions in catalog (alphabetical) order. */
  public Collection<ActionInfo> actions() {
    return actionsByLowerName.values();
  }

  /** The action with this name, compared case-insensitively as IAM does. */
  public Optional<ActionInfo> action(String actionName) {
    return Optional.ofNullable(actionsByLowerName.get(actionName.toLowerCase(Locale.ROOT)));
  }

  /** Resource types by name (as the reference spells them, e.g. {@code bucket}, {@code object}). */
  public Map<String, ResourceTypeInfo> resourceTypes() {
    return resourceTypes;
  }

  /** Service-specific condition keys by key. */
  public Map<String, ConditionKeyInfo> conditionKeys() {
    return conditionKeys;
  }

  @Override
  public String toString() {
    return prefix + " (" + name + ", " + actionsByLowerName.size() + " actions)";
  }
}
