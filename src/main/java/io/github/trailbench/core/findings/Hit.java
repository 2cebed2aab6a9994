package io.github.trailbench.core.findings;

/**
 * A matched event as a runner keeps it: its evidence snapshot plus what grouping and the summary
 * need. Small and independent of the event's raw JSON, so buffered hits stay cheap.
 */
record Hit(Evidence.Event event, String sessionId, String sessionLabel, String groupKey, String[] refValues, String denial) {}
