package io.github.trailbench.app.workspace;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What the shell shows about the open case. Times are null for a case without events;
 * {@code rejectedFiles} counts imported files that had records rejected.
 */
public record CaseSummary(
    String name, Path directory, long events, long files, long rejectedFiles, Instant firstEvent, Instant lastEvent) {}
