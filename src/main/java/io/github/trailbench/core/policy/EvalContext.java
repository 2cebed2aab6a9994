package io.github.trailbench.core.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The request context as the engine sees it: lower-cased keys, derived principal facts, unknown keys. */
final class EvalContext {

  /** Result of looking a key up. */
  record Lookup(State state, List<String> values) {
    static final Lookup ABSENT = new Lookup(State.ABSENT, List.of());
    static final Lookup UNKNOWN = new Lookup(State.UNKNOWN, List.of());

    boolean present() {
      return state == State.PRESENT && !values.isEmpty();
    }
  }

  enum State { PRESENT, ABSENT, UNKNOWN }

  final Request request;
  final PrincipalInfo principal;
  final String resourceAccount;
  private final Map<String, List<String>> values = new HashMap<>();
  private final KeySet unknown;
  private final KeySet absent;
  /** Facts the engine derived (shown in the trace). */
  final Map<String, String> derived = new LinkedHashMap<>();

  EvalContext(Request request, PrincipalInfo principal, String resourceAccount) {
    this.request = request;
    this.principal = principal;
    this.resourceAccount = resourceAccount;
    this.unknown = new KeySet(request.unknownKeys());
    this.absent = new KeySet(request.absentKeys());
    request.context().forEach((k, v) -> values.put(k.toLowerCase(Locale.ROOT), v));
    derive("aws:PrincipalArn", principal.kind() == PrincipalInfo.Kind.ASSUMED_ROLE_SESSION ? principal.roleArn()
        : principal.kind().isIamIdentity() ? principal.arn() : null);
    derive("aws:PrincipalAccount", principal.kind().isIamIdentity() ? principal.account() : null);
    derive("aws:PrincipalType", principal.principalType());
    derive("aws:username", principal.kind() == PrincipalInfo.Kind.USER ? principal.name() : null);
    String userid = null;
    if (principal.kind() == PrincipalInfo.Kind.ROOT) {
      userid = principal.account();
    } else if (principal.kind() == PrincipalInfo.Kind.FEDERATED_USER) {
      userid = principal.account() + ":" + principal.name();
    }
    derive("aws:userid", userid);
    derive("aws:PrincipalIsAWSService", principal.kind() == PrincipalInfo.Kind.SERVICE ? "true"
        : principal.kind() == PrincipalInfo.Kind.EXTERNAL ? null : "false");
    derive("aws:PrincipalServiceName", principal.kind() == PrincipalInfo.Kind.SERVICE ? principal.arn() : null);
    derive("aws:ResourceAccount", resourceAccount);
  }

  private void derive(String key, String value) {
    String k = key.toLowerCase(Locale.ROOT);
    if (value == null) {
      if (!k.equals("aws:userid") && !k.equals("aws:resourceaccount")) {
        absent.exact.add(k); // a principal fact that does not apply to this kind of principal is not there
      }
      return;
    }
    if (values.containsKey(k) || isUnknown(k)) {
      return;
    }
    values.put(k, List.of(value));
    derived.put(key, value);
  }

  boolean isUnknown(String lowerKey) {
    return lowerKey.startsWith(UNKNOWN_NAMESPACE) || unknown.contains(lowerKey);
  }

  /** {@link UnknownPolicy#NAMESPACE}, lower case: keys no request carries (stand-ins for policies not in the case). */
  private static final String UNKNOWN_NAMESPACE = UnknownPolicy.NAMESPACE.toLowerCase(Locale.ROOT);

  Lookup lookup(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    List<String> v = values.get(k);
    if (v != null) {
      return new Lookup(State.PRESENT, v);
    }
    if (isUnknown(k)) {
      return Lookup.UNKNOWN;
    }
    return request.openWorld() && !knownAbsent(k) ? Lookup.UNKNOWN : Lookup.ABSENT;
  }

  /** For an unknown key, the values it is known not to have ({@link Request.Builder#notAmong}); else null. */
  Set<String> notAmong(String key) {
    for (Map.Entry<String, Set<String>> e : request.notAmong().entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** For an unknown multivalued key, values it is known to hold among others ({@link Request.Builder#holding}); else null. */
  Set<String> holding(String key) {
    for (Map.Entry<String, Set<String>> e : request.holding().entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** With an open-world request: whether the key is known not to be in the context. */
  private boolean knownAbsent(String lowerKey) {
    return absent.contains(lowerKey);
  }

  /** Lower-cased key names, each exact or (ending in "*") a prefix for a family of keys. */
  private static final class KeySet {
    final List<String> exact = new ArrayList<>();
    final List<String> prefixes = new ArrayList<>();

    KeySet(java.util.Collection<String> keys) {
      for (String key : keys) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith("*")) {
          prefixes.add(k.substring(0, k.length() - 1));
        } else {
          exact.add(k);
        }
      }
    }

    boolean contains(String lowerKey) {
      if (exact.contains(lowerKey)) {
        return true;
      }
      for (String p : prefixes) {
        if (lowerKey.startsWith(p)) {
          return true;
        }
      }
      return false;
    }
  }
}
