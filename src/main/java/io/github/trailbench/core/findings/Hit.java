package io.github.trailbench.core.findings;

/**
 * A matched event as a runner keeps it: its evidence snapshot plus what grouping and the summary
 * need. Small and independent of the event's raw JSON, so buffered hits stay cheap. {@code delegate}: the
 * product provider's account when the call was made through temporary delegated access
 * ({@code userIdentity.invokedByDelegate.accountId}), else null. {@code authenticated}: AWS accepted the
 * call's credentials (it succeeded, or a policy refused it). {@code leading}: a sequence's first step, which
 * makes the sequence but is not what it is about (a listing before the reads): its success does not make the
 * finding more than an attempt.
 */
record Hit(Evidence.Event event, String sessionId, String sessionLabel, String groupKey, String[] refValues, String denial,
    String delegate, boolean authenticated, boolean leading) {

  /** The same hit as a sequence's first step. */
  Hit asLeading() {
    return new Hit(event, sessionId, sessionLabel, groupKey, refValues, denial, delegate, authenticated, true);
  }
}
