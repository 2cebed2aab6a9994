package io.github.trailbench.core.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request to authorize.
 *
 * @param principal ARN of the caller (user, role, assumed-role session, federated user, root),
 *     a service principal such as {@code cloudtrail.amazonaws.com}, or {@code anonymous} / {@code *}
 * @param action the IAM action, e.g. {@code s3:GetObject}
 * @param resource the resource ARN, or {@code *} for actions without resource-level permissions
 * @param resourceAccount the account that owns the resource; null = taken from the resource ARN,
 *     else the principal's account
 * @param context condition keys to their values as the request carries them (a key with one
 *     value or many); key names are matched case-insensitively
 * @param unknownKeys keys whose value the caller cannot know (e.g. a request rebuilt from a log
 *     that does not carry them); a condition on such a key is Undetermined. The pseudo-key
 *     {@link #UNKNOWN_RESOURCE} says the resource itself is unknown: then {@code resource} is
 *     {@code *} and every Resource/NotResource pattern other than {@code *} is Undetermined, or the
 *     family the resource is known to be in, ending in {@code /*} (the objects of a bucket,
 *     {@code arn:aws:s3:::bucket/*}): then a pattern that covers every resource of the family, or
 *     none of them, decides
 * @param openWorld the request was rebuilt from a log: a key neither in {@code context} nor in
 *     {@code absentKeys} is unknown (the log may simply not carry it), not absent. False for a
 *     request stated whole (simulate input), where a key not given is absent.
 * @param absentKeys with {@code openWorld}: keys known not to be in the request's context (AWS does
 *     not set them for such a request); a key ending in "/*" stands for its family
 */
public record Request(
    String principal,
    String action,
    String resource,
    String resourceAccount,
    Map<String, List<String>> context,
    Set<String> unknownKeys,
    boolean openWorld,
    Set<String> absentKeys,
    String federatingUser,
    Map<String, Set<String>> notAmong,
    Map<String, Set<String>> holding) {

  /** In {@code unknownKeys}: the request's resource is not known (the log does not name it). */
  public static final String UNKNOWN_RESOURCE = "(resource ARN)";

  /** Whether the resource is unknown ({@link #UNKNOWN_RESOURCE}). */
  public boolean resourceUnknown() {
    return unknownKeys.contains(UNKNOWN_RESOURCE);
  }

  public Request {
    if (principal == null || principal.isEmpty()) {
      throw new IllegalArgumentException("principal is required");
    }
    if (action == null || action.isEmpty()) {
      throw new IllegalArgumentException("action is required");
    }
    if (resource == null || resource.isEmpty()) {
      resource = "*";
    }
    Map<String, List<String>> c = new LinkedHashMap<>();
    if (context != null) {
      context.forEach((k, v) -> c.put(k, List.copyOf(v)));
    }
    context = java.util.Collections.unmodifiableMap(c);
    unknownKeys = unknownKeys == null ? Set.of() : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(unknownKeys));
    absentKeys = absentKeys == null ? Set.of() : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(absentKeys));
    Map<String, Set<String>> n = new LinkedHashMap<>();
    if (notAmong != null) {
      notAmong.forEach((k, v) -> n.put(k, Set.copyOf(v)));
    }
    notAmong = java.util.Collections.unmodifiableMap(n);
    Map<String, Set<String>> h = new LinkedHashMap<>();
    if (holding != null) {
      holding.forEach((k, v) -> h.put(k, Set.copyOf(v)));
    }
    holding = java.util.Collections.unmodifiableMap(h);
  }

  /** A request stated whole: a key not given is absent. */
  public Request(String principal, String action, String resource, String resourceAccount, Map<String, List<String>> context,
      Set<String> unknownKeys) {
    this(principal, action, resource, resourceAccount, context, unknownKeys, false, Set.of(), null, Map.of(), Map.of());
  }

  /** A request of no federated user's session. */
  public Request(String principal, String action, String resource, String resourceAccount, Map<String, List<String>> context,
      Set<String> unknownKeys, boolean openWorld, Set<String> absentKeys) {
    this(principal, action, resource, resourceAccount, context, unknownKeys, openWorld, absentKeys, null, Map.of(), Map.of());
  }

  public static Builder builder(String principal, String action, String resource) {
    return new Builder(principal, action, resource);
  }

  /** Builds a {@link Request}; {@code unknown(key)} marks a key the log cannot carry. */
  public static final class Builder {
    private final String principal;
    private final String action;
    private final String resource;
    private String resourceAccount;
    private final Map<String, List<String>> context = new LinkedHashMap<>();
    private final Set<String> unknown = new LinkedHashSet<>();
    private boolean openWorld;
    private final Set<String> absent = new LinkedHashSet<>();
    private String federatingUser;
    private final Map<String, Set<String>> notAmong = new LinkedHashMap<>();
    private final Map<String, Set<String>> holding = new LinkedHashMap<>();

    private Builder(String principal, String action, String resource) {
      this.principal = principal;
      this.action = action;
      this.resource = resource;
    }

    public Builder resourceAccount(String account) {
      this.resourceAccount = account;
      return this;
    }

    /** Sets a single-valued key. */
    public Builder context(String key, String value) {
      context.put(key, List.of(value));
      return this;
    }

    /** Sets a multi-valued key (an empty collection is a present key with no values). */
    public Builder context(String key, Collection<String> values) {
      context.put(key, new ArrayList<>(values));
      return this;
    }

    /** Marks a key whose value is unknown: conditions on it evaluate to Undetermined. */
    public Builder unknown(String key) {
      unknown.add(key);
      return this;
    }

    /**
     * The request is rebuilt from a log: every key not set here is unknown, but for {@code absentKeys}
     * (keys AWS would not put in this request's context).
     */
    public Builder openWorld(Collection<String> absentKeys) {
      openWorld = true;
      absent.addAll(absentKeys);
      return this;
    }

    /**
     * For a federated user's session (GetFederationToken): the IAM user who federated it. A
     * resource-based policy naming that user reaches the session, limited by its session policy.
     */
    public Builder federatingUser(String userArn) {
      this.federatingUser = userArn;
      return this;
    }

    /**
     * An unknown key whose value is known not to be any of {@code values} (it may be absent): an
     * account in none of the case's organizations has an organization id that is none of theirs.
     */
    public Builder notAmong(String key, Collection<String> values) {
      unknown.add(key);
      notAmong.put(key, new LinkedHashSet<>(values));
      return this;
    }

    /**
     * An unknown multivalued key known to hold each of {@code values} among others the log does not
     * show: {@code aws:CalledVia} holds the service that made the call.
     */
    public Builder holding(String key, Collection<String> values) {
      unknown.add(key);
      holding.put(key, new LinkedHashSet<>(values));
      return this;
    }

    public Request build() {
      return new Request(principal, action, resource, resourceAccount, context, unknown, openWorld, absent, federatingUser,
          notAmong, holding);
    }
  }
}
