package io.github.trailbench.core.correlate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.iam.IamPrincipal;
import io.github.trailbench.core.model.iam.ManagedPolicy;
import io.github.trailbench.core.model.iam.PolicyVersion;
import io.github.trailbench.core.model.iam.ResolvedPolicies;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.policy.PolicyParser;
import io.github.trailbench.core.policy.PolicySet;
import io.github.trailbench.core.policy.UnknownPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which version of a customer managed policy was the default (the version in force) when a call was
 * made, as the log shows it: SetDefaultPolicyVersion "sets the specified version ... as the policy's
 * default (operative) version", CreatePolicyVersion with {@code setAsDefault} makes the new version
 * the default (IAM API Reference). An IAM export of unknown date names only the default of its own
 * moment, so a call before a logged change is not decided on the export's default as if it were in
 * force then, and a call after one is decided on the version the change set.
 */
public final class LoggedPolicyVersions {
  private LoggedPolicyVersions() {}

  /**
   * A policy's default version set by event {@code eventId} at {@code time}; {@code document} is the
   * version's text when the call logged it (CreatePolicyVersion), else null. A CreatePolicyVersion
   * that did not make its version the default is kept too ({@code madeDefault} false): it says the
   * version did not exist before.
   */
  public record Change(String policyArn, String versionId, boolean madeDefault, String document, Instant time, String eventId,
      String eventName) {
    /** "SetDefaultPolicyVersion EVENT-ID at TIME". */
    public String describe() {
      return eventName + " " + eventId + " at " + time;
    }
  }

  /** The change a successful SetDefaultPolicyVersion or CreatePolicyVersion made; empty for any other call. */
  public static Optional<Change> madeBy(CloudTrailEvent e) {
    if (!"iam.amazonaws.com".equals(e.eventSource()) || e.failed() || e.eventTime() == null) {
      return Optional.empty();
    }
    EventDocs d = new EventDocs(e);
    String arn = d.req("policyArn");
    if (arn == null) {
      return Optional.empty();
    }
    return switch (e.eventName()) {
      case "SetDefaultPolicyVersion" -> Optional.ofNullable(d.req("versionId"))
          .map(v -> new Change(arn, v, true, null, e.eventTime(), e.eventId(), e.eventName()));
      case "CreatePolicyVersion" -> {
        JsonNode version = d.response() == null ? null : d.response().path("policyVersion");
        String id = version == null ? null : Principals.text(version.get("versionId"));
        JsonNode asDefault = d.request().get("setAsDefault");
        boolean madeDefault = asDefault != null && (asDefault.asBoolean(false) || "true".equalsIgnoreCase(asDefault.asText()));
        yield id == null ? Optional.empty()
            : Optional.of(new Change(arn, id, madeDefault, LoggedRoleChanges.decoded(d.req("policyDocument")), e.eventTime(),
                e.eventId(), e.eventName()));
      }
      default -> Optional.empty();
    };
  }

  /** What the case can say of the version of one policy in force at a moment. */
  public sealed interface InForce permits AsExported, Known, Unknown {}

  /** The log shows no change that bears on the moment: the export's default stands. */
  public record AsExported() implements InForce {}

  /** The version in force, its document's text, and how the log shows it. */
  public record Known(String versionId, String document, String why) implements InForce {}

  /** The version in force cannot be told: {@code why} names the logged change. */
  public record Unknown(String why) implements InForce {}

  /**
   * The version of {@code policy} ({@code exported}: its export, or null) in force at {@code at}:
   * the version the last logged default change before it set; with none before it but one after it,
   * the version that was the default before that change, when the log or the export's versions
   * leave only one (an earlier CreatePolicyVersion, the only other version that existed then);
   * unknown otherwise, and when another call logged in the same second changed it. The change made by
   * the call itself ({@code eventId}) takes effect after the call was authorized.
   */
  public static InForce inForceAt(String policyArn, ManagedPolicy exported, List<Change> changes, Instant at, String eventId) {
    Change before = null;
    Change sameSecond = null;
    Change after = null;
    for (Change c : changes) {
      if (!c.madeDefault()) {
        continue;
      }
      boolean itself = c.eventId() != null && c.eventId().equals(eventId);
      if (c.time().isBefore(at) && !itself) {
        before = before == null || c.time().isAfter(before.time()) ? c : before;
      } else if (c.time().equals(at) && !itself) {
        sameSecond = c;
      } else {
        after = after == null || c.time().isBefore(after.time()) ? c : after;
      }
    }
    if (sameSecond != null) {
      return new Unknown("the default version of " + policyArn + " was set in the same second (" + sameSecond.describe()
          + "): whether before or after this call the log cannot say, so the version in force is unknown");
    }
    if (before != null) {
      return set(policyArn, exported, changes, before);
    }
    if (after == null) {
      return new AsExported();
    }
    // the default before `after` is another version that existed at the call
    List<String> createdLater = changes.stream().filter(c -> "CreatePolicyVersion".equals(c.eventName())
        && (c.time().isAfter(at) || c.eventId() != null && c.eventId().equals(eventId))).map(Change::versionId).toList();
    String replaced = after.versionId();
    List<PolicyVersion> candidates = exported == null ? List.of() : exported.versionsExistingAt(at).stream()
        .filter(v -> !v.versionId().equals(replaced) && !createdLater.contains(v.versionId())).toList();
    String change = after.describe() + " made " + after.versionId() + " the default after this call";
    if (candidates.size() == 1 && candidates.get(0).versionId().equals(exported.defaultVersionId())) {
      return new AsExported();
    }
    if (candidates.size() == 1) {
      PolicyVersion v = candidates.get(0);
      return new Known(v.versionId(), v.document().json(), "the version of " + policyArn + " in force is " + v.versionId() + ": "
          + change + ", and " + v.versionId() + " is the only other version the IAM data shows existing then (its CreateDate)");
    }
    return new Unknown("the version of " + policyArn + " in force is unknown: " + change + ", so the IAM data's default was not"
        + " in force then, and " + (candidates.isEmpty() ? "the case holds no other version that existed then"
            : "versions " + String.join(", ", candidates.stream().map(PolicyVersion::versionId).toList())
                + " existed then, any of which may have been the default"));
  }

  private static InForce set(String policyArn, ManagedPolicy exported, List<Change> changes, Change c) {
    String why = "the version of " + policyArn + " in force is " + c.versionId() + ", which " + c.describe() + " made the default"
        + " (the last change the log shows before this call)";
    if (exported != null && c.versionId().equals(exported.defaultVersionId())) {
      return new AsExported();
    }
    Optional<String> document = exported == null ? Optional.empty()
        : exported.version(c.versionId()).map(v -> v.document().json());
    if (document.isEmpty()) {
      document = changes.stream().filter(x -> x.versionId().equals(c.versionId()) && x.document() != null)
          .map(Change::document).findFirst();
    }
    return document.<InForce>map(d -> new Known(c.versionId(), d, why + ", not the IAM data's default"))
        .orElseGet(() -> new Unknown(why + ", and the case holds no document of that version"));
  }

  /**
   * A principal's managed policies (identity-based and boundary) as the log shows them in force at
   * a moment, where that differs from the IAM data's defaults: what {@link #applyTo} puts in place.
   */
  public record Replacements(List<Replacement> each) {
    public static final Replacements NONE = new Replacements(List.of());

    public Replacements {
      each = List.copyOf(each);
    }

    /** {@code policies} with each replaced policy in place of the IAM data's default, its gap listed. */
    public PoliciesInForce applyTo(PoliciesInForce policies) {
      if (each.isEmpty()) {
        return policies;
      }
      PolicySet set = policies.set();
      List<NamedPolicy> identity = new ArrayList<>(set.identityPolicies());
      NamedPolicy boundary = set.permissionsBoundary();
      List<String> gaps = new ArrayList<>(policies.gaps());
      Map<String, String> sources = new LinkedHashMap<>(policies.sources());
      for (Replacement r : each) {
        if (r.identityIndex() < 0) {
          boundary = boundary != null && boundary.name().equals(r.exportedName()) ? r.policy() : boundary;
        } else if (r.identityIndex() < identity.size() && identity.get(r.identityIndex()).name().equals(r.exportedName())) {
          identity.set(r.identityIndex(), r.policy());
        } else {
          continue;
        }
        gaps.add(r.gap());
        if (r.source() != null) {
          sources.put(r.policy().name(), r.source());
        }
      }
      PolicySet replaced = new PolicySet(identity, boundary, set.sessionPolicies(), set.resourcePolicy(), set.scps(), set.rcps(),
          set.flags(), set.s3Acl());
      return new PoliciesInForce(replaced, gaps, sources, policies.placements());
    }
  }

  /**
   * One policy put in place of the IAM data's: at {@code identityIndex} of the identity-based
   * policies (-1 for the boundary), named {@code exportedName} there.
   */
  public record Replacement(int identityIndex, String exportedName, NamedPolicy policy, String source, String gap) {}

  /**
   * The replacements for {@code principal}'s customer managed policies at {@code at}, by the
   * changes the log shows ({@code changes}: by policy ARN), for the call {@code eventId}.
   */
  public static Replacements of(IamSnapshot iam, IamPrincipal principal, Function<String, List<Change>> changes, Instant at,
      String eventId) {
    if (principal == null || changes == null || at == null) {
      return Replacements.NONE;
    }
    List<Replacement> out = new ArrayList<>();
    List<io.github.trailbench.core.model.iam.NamedPolicy> identity = iam.identityPolicies(principal).policies();
    for (int i = 0; i < identity.size(); i++) {
      replacement(iam, identity.get(i), i, changes, at, eventId).ifPresent(out::add);
    }
    ResolvedPolicies boundary = iam.permissionsBoundary(principal);
    if (!boundary.policies().isEmpty()) {
      replacement(iam, boundary.policies().get(0), -1, changes, at, eventId).ifPresent(out::add);
    }
    return out.isEmpty() ? Replacements.NONE : new Replacements(out);
  }

  private static Optional<Replacement> replacement(IamSnapshot iam, io.github.trailbench.core.model.iam.NamedPolicy p, int index,
      Function<String, List<Change>> changes, Instant at, String eventId) {
    String arn = p.origin().policyRef().orElse(null);
    if (arn == null || ManagedPolicy.isAwsManagedArn(arn)) {
      return Optional.empty();
    }
    List<Change> logged = changes.apply(arn);
    if (logged == null || logged.isEmpty()) {
      return Optional.empty();
    }
    InForce inForce = inForceAt(arn, iam.managedPolicy(arn).orElse(null), logged, at, eventId);
    if (inForce instanceof Unknown u) {
      return Optional.of(new Replacement(index, p.name(), UnknownPolicy.standIn(p.name() + " as in force at " + at, true), null,
          u.why()));
    }
    if (!(inForce instanceof Known k)) {
      return Optional.empty();
    }
    String name = p.name() + " " + k.versionId();
    try {
      return Optional.of(new Replacement(index, p.name(), new NamedPolicy(name, PolicyParser.parse(k.document(), name)),
          k.document(), k.why()));
    } catch (SourceFormatException e) {
      return Optional.of(new Replacement(index, p.name(), UnknownPolicy.standIn(p.name() + " as in force at " + at, true), null,
          k.why() + ", whose document cannot be read (" + e.getMessage() + ")"));
    }
  }
}
