package io.github.trailbench.core.correlate;

import io.github.trailbench.core.model.CloudTrailEvent;

/** Derives the stored facts of one event; must be thread-safe and side-effect free. */
@FunctionalInterface
public interface EventFactsDeriver {
  EventFacts derive(CloudTrailEvent event);
}
