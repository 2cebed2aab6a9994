package io.github.trailbench.core.findings.leastprivilege;

import java.time.Instant;

/**
 * The stretch of time the case's trail covers.
 *
 * @param first earliest event time, null when the case has no events
 * @param last latest event time, null when the case has no events
 * @param events all events read
 * @param principalEvents events of the analysed principal (its role sessions for a role)
 */
public record TrailWindow(Instant first, Instant last, long events, long principalEvents) {}
