package io.github.trailbench.core.findings;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a detection run.
 *
 * @param ipClassifier classifies source addresses for {@code ipClass} conditions
 * @param maxEventsPerFinding event evidence kept per finding (the earliest ones); the finding's
 *     {@code eventCount} still counts all. Bounds memory on huge cases.
 * @param clock gives the findings' {@code createdAt}
 * @param credentialAgeThreshold credential hygiene: a key or password older, or unused for
 *     longer, than this (measured back from the credential report's reference time) is reported
 * @param denials says why a failed call failed, for the titles of findings whose calls all failed
 * @param inOrganization whether an account id belongs to the case's organization, for
 *     {@code accountsInOrganization} conditions
 * @param organizationIds the ids of the case's organizations and of their organizational units
 *     (the organization manifests); empty when the case holds none
 */
public record DetectionOptions(
    IpClassifier ipClassifier, int maxEventsPerFinding, Clock clock, Duration credentialAgeThreshold,
    DenialExplainer denials, java.util.function.Predicate<String> inOrganization, java.util.Set<String> organizationIds,
    java.util.function.Predicate<String> ec2Roles) {
  public static final int DEFAULT_MAX_EVENTS_PER_FINDING = 500;
  public static final Duration DEFAULT_CREDENTIAL_AGE_THRESHOLD = Duration.ofDays(90);

  public DetectionOptions {
    Objects.requireNonNull(ipClassifier, "ipClassifier");
    Objects.requireNonNull(clock, "clock");
    if (maxEventsPerFinding < 1) {
      throw new IllegalArgumentException("maxEventsPerFinding must be at least 1");
    }
    Objects.requireNonNull(credentialAgeThreshold, "credentialAgeThreshold");
    if (credentialAgeThreshold.isNegative() || credentialAgeThreshold.isZero()) {
      throw new IllegalArgumentException("credentialAgeThreshold must be positive");
    }
    denials = denials == null ? DenialExplainer.fromLog() : denials;
    inOrganization = inOrganization == null ? account -> false : inOrganization;
    organizationIds = organizationIds == null ? java.util.Set.of() : java.util.Set.copyOf(organizationIds);
    ec2Roles = ec2Roles == null ? role -> false : ec2Roles;
  }

  public DetectionOptions(IpClassifier ipClassifier, int maxEventsPerFinding, Clock clock, Duration credentialAgeThreshold,
      DenialExplainer denials, java.util.function.Predicate<String> inOrganization, java.util.Set<String> organizationIds) {
    this(ipClassifier, maxEventsPerFinding, clock, credentialAgeThreshold, denials, inOrganization, organizationIds, null);
  }

  public DetectionOptions(IpClassifier ipClassifier, int maxEventsPerFinding, Clock clock, Duration credentialAgeThreshold,
      DenialExplainer denials) {
    this(ipClassifier, maxEventsPerFinding, clock, credentialAgeThreshold, denials, null, null);
  }

  public DetectionOptions(IpClassifier ipClassifier, int maxEventsPerFinding, Clock clock, Duration credentialAgeThreshold) {
    this(ipClassifier, maxEventsPerFinding, clock, credentialAgeThreshold, null);
  }

  public DetectionOptions(IpClassifier ipClassifier, int maxEventsPerFinding, Clock clock) {
    this(ipClassifier, maxEventsPerFinding, clock, DEFAULT_CREDENTIAL_AGE_THRESHOLD);
  }

  public static DetectionOptions defaults() {
    return new DetectionOptions(IpClassifier.defaults(), DEFAULT_MAX_EVENTS_PER_FINDING, Clock.systemUTC());
  }

  public DetectionOptions withIpClassifier(IpClassifier c) {
    return new DetectionOptions(c, maxEventsPerFinding, clock, credentialAgeThreshold, denials, inOrganization, organizationIds, ec2Roles);
  }

  public DetectionOptions withMaxEventsPerFinding(int n) {
    return new DetectionOptions(ipClassifier, n, clock, credentialAgeThreshold, denials, inOrganization, organizationIds, ec2Roles);
  }

  public DetectionOptions withClock(Clock c) {
    return new DetectionOptions(ipClassifier, maxEventsPerFinding, c, credentialAgeThreshold, denials, inOrganization, organizationIds, ec2Roles);
  }

  public DetectionOptions withCredentialAgeThreshold(Duration d) {
    return new DetectionOptions(ipClassifier, maxEventsPerFinding, clock, d, denials, inOrganization, organizationIds, ec2Roles);
  }

  /** With {@code d} saying why failed calls failed (e.g. from the policy engine over the case's IAM data). */
  public DetectionOptions withDenials(DenialExplainer d) {
    return new DetectionOptions(ipClassifier, maxEventsPerFinding, clock, credentialAgeThreshold, d, inOrganization, organizationIds, ec2Roles);
  }

  /**
   * With {@code accounts} telling which account ids belong to the case's organization (the
   * organization manifest), for {@code accountsInOrganization} conditions; none by default.
   */
  public DetectionOptions withOrganizationAccounts(java.util.function.Predicate<String> accounts) {
    return new DetectionOptions(ipClassifier, maxEventsPerFinding, clock, credentialAgeThreshold, denials, accounts, organizationIds, ec2Roles);
  }

  /**
   * With {@code ids} naming the case's organizations and their organizational units (the
   * organization manifests), for organization and OU ARNs a request shares with; none by default.
   */
  public DetectionOptions withOrganizationIds(java.util.Set<String> ids) {
    return new DetectionOptions(ipClassifier, maxEventsPerFinding, clock, credentialAgeThreshold, denials, inOrganization, ids, ec2Roles);
  }

  /**
   * With {@code roles} telling which role ARNs the case's IAM data shows EC2 can deliver to an
   * instance (the trust policy allows ec2.amazonaws.com, or an instance profile holds the role); none by default.
   */
  public DetectionOptions withEc2Roles(java.util.function.Predicate<String> roles) {
    return new DetectionOptions(ipClassifier, maxEventsPerFinding, clock, credentialAgeThreshold, denials, inOrganization,
        organizationIds, roles);
  }
}
