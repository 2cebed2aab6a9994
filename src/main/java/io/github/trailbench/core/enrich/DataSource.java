package io.github.trailbench.core.enrich;

import java.time.LocalDate;

/**
 * One database the enricher uses, as the About box shows it.
 *
 * @param role what it answers: {@code country}, {@code asn}, {@code aws-ip-ranges}, {@code tor-exits}
 * @param name the data set's name, e.g. {@code ip-location-db geo-whois-asn-country}
 * @param licence licence of the data, e.g. {@code CC0-1.0}; null when not known (a user file)
 * @param attribution the attribution the licence asks for, or null
 * @param version version of the data as published (package version, syncToken), or null
 * @param date the date of the data (build date of an MMDB, createDate of ip-ranges.json,
 *     the publication date of the bundled data), or null when unknown
 * @param location {@code bundled} or the file path the user gave
 * @param status whether it is in use
 * @param entries ranges / prefixes / networks it holds, -1 when unknown
 * @param note why it is missing or unreadable, or other remarks; null when none
 */
public record DataSource(
    String role,
    String name,
    String licence,
    String attribution,
    String version,
    LocalDate date,
    String location,
    Status status,
    long entries,
    String note) {

  /** Whether a data source is in use. */
  public enum Status {
    /** Loaded and answering lookups. */
    LOADED,
    /** Nothing configured (optional data the user has not supplied). */
    NOT_CONFIGURED,
    /** Configured, but the file (or bundled resource) is not there. */
    MISSING,
    /** The file is there but could not be read; {@code note} says why. */
    UNREADABLE
  }

  public boolean loaded() {
    return status == Status.LOADED;
  }

  /** One line for the About box, e.g. {@code country: ip-location-db … (CC0-1.0), data of 2026-06-17}. */
  public String summary() {
    StringBuilder sb = new StringBuilder(role).append(": ");
    if (status != Status.LOADED) {
      sb.append(status.name().toLowerCase().replace('_', ' '));
      if (note != null) {
        sb.append(" (").append(note).append(')');
      }
      return sb.toString();
    }
    sb.append(name == null ? location : name);
    if (licence != null) {
      sb.append(" (").append(licence).append(')');
    }
    if (date != null) {
      sb.append(", data of ").append(date);
    }
    if (!"bundled".equals(location)) {
      sb.append(", from ").append(location);
    }
    return sb.toString();
  }
}
