package io.github.trailbench.core.correlate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request context of a logged call, rebuilt for the policy engine. Nothing is invented: a
 * key is in {@code context} only when the log (or IAM data given through a hook) supplies it.
 *
 * @param eventId the event
 * @param principalArn canonical principal (session ARN for role sessions)
 * @param actions IAM actions the call was authorized as (each is evaluated)
 * @param resourceArns resource ARNs, empty when unknown ({@code resourceUnknownReason} says why)
 * @param resourceAccount account owning the resource when known, else null
 * @param context key → values; single-valued keys have one value
 * @param missing keys that matter but the log cannot supply, with reasons ("aws:ResourceTag/*")
 * @param absent keys AWS itself would not put in this request's context, with reasons (so
 *     {@code Null} and {@code …IfExists} conditions apply, not "undetermined")
 * @param resourceUnknownReason why resource ARNs are missing, null when known
 * @param notes assumptions made
 * @param authorization how the catalog says the call is authorized (IAM, not deniable, …)
 */
public record DerivedRequest(
    String eventId,
    String principalArn,
    List<String> actions,
    List<String> resourceArns,
    String resourceAccount,
    Map<String, List<String>> context,
    List<KeyNote> missing,
    List<KeyNote> absent,
    String resourceUnknownReason,
    List<String> notes,
    io.github.trailbench.core.catalog.Authorization authorization) {

  /**
   * A context key with the reason it is missing or absent. Keys ending in "/*" stand for a family.
   * {@code contains}: for a missing multivalued key, values the log shows it holds among others
   * ({@code aws:CalledVia} holds the service that made the call); empty when none is known. {@code present}: the
   * request carries the key (always when {@code contains} is not empty).
   */
  public record KeyNote(String key, String reason, java.util.Set<String> contains, boolean present) {
    public KeyNote {
      contains = contains == null ? java.util.Set.of() : java.util.Set.copyOf(contains);
    }

    public KeyNote(String key, String reason, java.util.Set<String> contains) {
      this(key, reason, contains, !contains.isEmpty());
    }

    public KeyNote(String key, String reason) {
      this(key, reason, java.util.Set.of(), false);
    }

    /** A missing key the request is known to carry, with a value the log does not show (a {@code Null} test decides). */
    public static KeyNote presentUnknown(String key, String reason) {
      return new KeyNote(key, reason, java.util.Set.of(), true);
    }
  }

  public DerivedRequest {
    actions = List.copyOf(actions);
    resourceArns = List.copyOf(resourceArns);
    Map<String, List<String>> c = new LinkedHashMap<>();
    context.forEach((k, v) -> c.put(k, List.copyOf(v)));
    context = Collections.unmodifiableMap(c);
    missing = List.copyOf(missing);
    absent = List.copyOf(absent);
    notes = List.copyOf(notes);
  }

  /** The single value of a key, or null. */
  public String value(String key) {
    List<String> v = context.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** True when the key (or its family, e.g. aws:ResourceTag/team → aws:ResourceTag/*) is missing. */
  public boolean isMissing(String key) {
    for (KeyNote k : missing) {
      if (k.key().equalsIgnoreCase(key)
          || (k.key().endsWith("/*") && key.regionMatches(true, 0, k.key(), 0, k.key().length() - 1))) {
        return true;
      }
    }
    return false;
  }
}
