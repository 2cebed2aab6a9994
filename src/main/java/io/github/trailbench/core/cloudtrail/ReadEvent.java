package io.github.trailbench.core.cloudtrail;

import io.github.trailbench.core.model.CloudTrailEvent;

/**
 * One event read from a source.
 *
 * @param event the event; {@code event.rawJson()} is its source text
 * @param recordIndex 1-based index of the record in its file
 * @param rawOffset when {@code rawInContent}: byte offset of the record in the file's (inflated) content
 * @param rawLength when {@code rawInContent}: byte length of the record there
 * @param rawInContent true when {@code rawJson} is a byte-identical slice of the file's content
 *     (so a store may keep the file once and an offset per event); false when the raw JSON was
 *     unescaped from a string (lookup-events, Lake) or built from a CSV row
 */
public record ReadEvent(
    CloudTrailEvent event,
    int recordIndex,
    long rawOffset,
    int rawLength,
    boolean rawInContent) {}
