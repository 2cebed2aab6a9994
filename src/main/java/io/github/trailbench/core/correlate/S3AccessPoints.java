package io.github.trailbench.core.correlate;

import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.EventResource;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 access point a logged request was made through. The record shows one by an
 * {@code AWS::S3::AccessPoint} resource, or by the host the request was sent to: an access point's
 * {@code NAME-ACCOUNT.s3-accesspoint[.dualstack].REGION.amazonaws.com}, a Multi-Region Access
 * Point's {@code ALIAS.accesspoint.s3-global.amazonaws.com}, an Object Lambda access point's
 * {@code NAME-ACCOUNT.s3-object-lambda.REGION…} (S3 User Guide, "Using access points" and
 * "Making requests through a Multi-Region Access Point").
 */
final class S3AccessPoints {
  private static final Pattern REGIONAL =
      Pattern.compile("^(.+)-(\\d{12})\\.s3-accesspoint(?:\\.dualstack)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?$");

  private S3AccessPoints() {}

  /** Whether the request was made through an access point of any kind. */
  static boolean through(CloudTrailEvent e, EventDocs d) {
    if (named(e) != null) {
      return true;
    }
    String h = host(d);
    return h != null && (h.contains(".s3-accesspoint.") || h.contains(".accesspoint.s3-global.") || h.contains(".s3-object-lambda."));
  }

  /**
   * The ARN of the access point the request was made through, or null when it was made through
   * none, or through one the record does not name exactly: a Multi-Region Access Point known only by
   * its host (which does not carry its owning account), an Object Lambda access point.
   */
  static String arn(CloudTrailEvent e, EventDocs d) {
    String named = named(e);
    if (named != null) {
      return named; // exact, a Multi-Region Access Point's too (its ARN names the account)
    }
    String h = host(d);
    Matcher m = h == null ? null : REGIONAL.matcher(h);
    if (m == null || !m.matches()) {
      return null;
    }
    String region = m.group(3);
    return "arn:" + Principals.partitionOfRegion(region) + ":s3:" + region + ":" + m.group(2) + ":accesspoint/" + m.group(1);
  }

  private static final Pattern MULTI_REGION = Pattern.compile("^([a-z0-9]+\\.mrap)\\.accesspoint\\.s3-global\\.amazonaws\\.com$");

  /** The alias of the Multi-Region Access Point the request was sent to ({@code ALIAS.mrap}), or null. */
  static String multiRegionAlias(EventDocs d) {
    String h = host(d);
    Matcher m = h == null ? null : MULTI_REGION.matcher(h);
    return m != null && m.matches() ? m.group(1) : null;
  }

  /**
   * The ARN of the Multi-Region Access Point of alias {@code alias} among {@code known} ARNs (the
   * resource policies of a case: {@code arn:PARTITION:s3::ACCOUNT:accesspoint/ALIAS}), when exactly
   * one is; else null (its owning account is not in the log).
   */
  static String multiRegionArn(String alias, java.util.Collection<String> known) {
    List<String> found = known.stream()
        .filter(a -> a.endsWith(":accesspoint/" + alias) && a.matches("arn:[^:]+:s3::\\d{12}:accesspoint/[^/]+")).distinct().toList();
    return found.size() == 1 ? found.get(0) : null;
  }

  /** The access point ARN of the record's resources, or null. */
  private static String named(CloudTrailEvent e) {
    for (EventResource r : e.resources()) {
      if (r.arn() != null && (("AWS::S3::AccessPoint".equals(r.type()) && r.arn().contains(":accesspoint/"))
          || r.arn().matches("arn:[^:]+:s3:[^:]*:\\d{12}:accesspoint/[^/]+"))) {
        return r.arn();
      }
    }
    return null;
  }

  private static String host(EventDocs d) {
    // every S3 call's actions ask this; most were sent to no access point: no parse of their parameters then
    String raw = d.event().requestParametersJson();
    if (raw == null || !(containsIgnoreCase(raw, "accesspoint") || containsIgnoreCase(raw, "s3-object-lambda"))) {
      return null;
    }
    var req = d.request();
    String host = req == null ? null : Principals.text(req.get("Host"));
    return host == null ? null : host.toLowerCase(Locale.ROOT);
  }

  private static boolean containsIgnoreCase(String text, String lowerNeedle) {
    for (int i = 0; i + lowerNeedle.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, lowerNeedle, 0, lowerNeedle.length())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The form of a bucket or object ARN ({@code arn:aws:s3:::bucket[/key]}) through access point
   * {@code ap}: the access point itself, or its {@code /object/KEY}; null for another ARN.
   */
  static String throughAccessPoint(String ap, String bucketArn) {
    int at = bucketArn.indexOf(":s3:::");
    if (at < 0) {
      return null;
    }
    String rest = bucketArn.substring(at + ":s3:::".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? ap : ap + "/object/" + rest.substring(slash + 1);
  }
}
