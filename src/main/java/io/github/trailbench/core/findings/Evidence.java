package io.github.trailbench.core.findings;

import java.time.Instant;
import java.util.Objects;

/**
 * One piece of evidence attached to a finding. A closed set: a logged event (with the facts a
 * report shows, so a report never has to go back to the store), a principal, an access key, a
 * credential session, or a free reference to something else in the case (a decision trace, a
 * graph path) given as id plus label.
 */
public sealed interface Evidence
    permits Evidence.Event, Evidence.Principal, Evidence.AccessKey, Evidence.Session, Evidence.Reference {

  /**
   * A CloudTrail event. {@code eventId} plus {@code accountId} (the recipient account) is the
   * case store's key. {@code outcome} is {@code Success}, the logged error code, or
   * {@code Failure} for a failed console sign-in. {@code resource} is what the call acted on in
   * the words an analyst uses (bucket/key, role ARN, user name), null when the log does not say.
   */
  record Event(
      String eventId,
      String accountId,
      Instant time,
      String eventSource,
      String eventName,
      String region,
      String principal,
      String accessKeyId,
      String sourceIp,
      String userAgent,
      String outcome,
      String resource)
      implements Evidence {
    public Event {
      Objects.requireNonNull(eventId, "eventId");
    }

    /** An event without a known resource. */
    public Event(String eventId, String accountId, Instant time, String eventSource, String eventName, String region,
        String principal, String accessKeyId, String sourceIp, String userAgent, String outcome) {
      this(eventId, accountId, time, eventSource, eventName, region, principal, accessKeyId, sourceIp, userAgent, outcome,
          null);
    }

    /**
     * Whether the call succeeded (outcome {@code Success}, or not recorded), or was a dry run AWS
     * answered with {@code DryRunOperation}: "the request would have succeeded", so the caller holds
     * the permission it tested.
     */
    public boolean succeeded() {
      return outcome == null || outcome.equals("Success") || dryRun();
    }

    /** A dry run (EC2's {@code DryRun} parameter) that AWS says would have succeeded. */
    public boolean dryRun() {
      return isDryRunPermitted(outcome);
    }

    /** Whether an error code is EC2's answer to a dry run that would have succeeded. */
    public static boolean isDryRunPermitted(String errorCode) {
      return "Client.DryRunOperation".equals(errorCode) || "DryRunOperation".equals(errorCode);
    }
  }

  /** A principal: an ARN, or the best identifier the log gives (account id, service name). */
  record Principal(String arn) implements Evidence {
    public Principal {
      Objects.requireNonNull(arn, "arn");
    }
  }

  /** An access key id (AKIA… long-term, ASIA… temporary). */
  record AccessKey(String accessKeyId) implements Evidence {
    public AccessKey {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
    }
  }

  /** A credential session: an id (stable within the case) and a human label. */
  record Session(String sessionId, String label) implements Evidence {
    public Session {
      Objects.requireNonNull(sessionId, "sessionId");
      label = label == null ? sessionId : label;
    }
  }

  /** What a {@link Reference} points at. */
  enum ReferenceKind {
    DECISION_TRACE,
    GRAPH_PATH,
    OTHER
  }

  /** A reference to another artefact of the case, e.g. a decision trace node or a graph path. */
  record Reference(ReferenceKind kind, String id, String label) implements Evidence {
    public Reference {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(id, "id");
      label = label == null ? id : label;
    }
  }
}
