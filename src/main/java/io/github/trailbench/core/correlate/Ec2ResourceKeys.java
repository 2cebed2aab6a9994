package io.github.trailbench.core.correlate;

import java.util.Map;
import java.util.Set;

/**
 * EC2 condition keys the replay takes from a creating call's request, and the resource types whose
 * request context holds them (Service Authorization Reference, Amazon EC2: each key is listed on
 * its resource types). A call authorized on several resources (RunInstances) is evaluated once per
 * resource, each with its own keys: {@code ec2:InstanceType} is in the instance's request, not the
 * image's, so a policy testing it on every resource refuses the image as AWS does.
 */
final class Ec2ResourceKeys {
  private Ec2ResourceKeys() {}

  private static final Map<String, Set<String>> TYPES = Map.of(
      "ec2:InstanceType", Set.of("instance"),
      "ec2:VolumeSize", Set.of("volume"),
      "ec2:VolumeType", Set.of("volume"),
      "ec2:Encrypted", Set.of("volume"),
      "ec2:Subnet", Set.of("network-interface"));

  /** Scoped keys that other resource types may carry too: unknown there, never taken as absent. */
  private static final Set<String> MAYBE_ELSEWHERE = Set.of("ec2:Subnet");

  /** The resource type of an EC2 ARN ({@code instance}, {@code image}, …), null for any other ARN. */
  static String typeOf(String arn) {
    if (arn == null || !arn.startsWith("arn:") || !arn.contains(":ec2:")) {
      return null;
    }
    String resource = arn.substring(arn.lastIndexOf(':') + 1);
    int slash = resource.indexOf('/');
    return slash > 0 ? resource.substring(0, slash) : null;
  }

  /** Whether {@code key}, not in a {@code type}'s own keys, may still be in its request context (then it is unknown). */
  static boolean maybeIn(String key, String type) {
    return MAYBE_ELSEWHERE.contains(key);
  }

  /** Whether {@code key} is in the request context of a resource of {@code type}: true for every key not scoped here. */
  static boolean belongsTo(String key, String type) {
    Set<String> types = TYPES.get(key);
    return types == null || types.contains(type);
  }
}
