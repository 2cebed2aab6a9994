package io.github.trailbench.core.findings;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Security group ingress rules as AuthorizeSecurityGroupIngress logs them ({@code ipPermissions.items}): whether one
 * rule lets the whole internet reach an administration port. EC2 API Reference, IpPermission: FromPort and ToPort
 * are "the start" and "the end" of the port range, and IpProtocol {@code -1} "allows traffic on all ports"; each
 * permission is its own rule, so an address range of one is never paired with the ports of another.
 */
final class IngressRules {
  private IngressRules() {}

  /** SSH and RDP. */
  private static final int[] ADMIN_PORTS = {22, 3389};

  /**
   * Whether some permission of the request opens 22 or 3389 (or every port) to 0.0.0.0/0 or ::/0: {@code request} is
   * the call's requestParameters (its {@code ipPermissions}, or the older top-level CidrIp, IpProtocol, FromPort and
   * ToPort), or its {@code ipPermissions} alone.
   */
  static boolean opensAdminPortToWorld(JsonNode request) {
    if (request == null) {
      return false;
    }
    if (request.isObject() && request.has("cidrIp")) {
      // the older form (and Stratus's record of it): the rule at top level, beside an empty ipPermissions
      com.fasterxml.jackson.databind.node.ObjectNode single = request.deepCopy();
      single.putObject("ipRanges").putArray("items").addObject().put("cidrIp", request.path("cidrIp").asText());
      if (opens(single)) {
        return true;
      }
    }
    JsonNode items = request.isObject() && request.has("ipPermissions") ? request.get("ipPermissions") : request;
    if (items.isObject() && items.has("items")) {
      items = items.get("items");
    }
    if (items.isObject()) {
      return opens(items);
    }
    if (items.isArray()) {
      for (JsonNode p : items) {
        if (opens(p)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean opens(JsonNode p) {
    if (!toWorld(p)) {
      return false;
    }
    String protocol = p.path("ipProtocol").asText("");
    if (protocol.equals("-1") || protocol.equalsIgnoreCase("all")) {
      return true;
    }
    if (!(protocol.equalsIgnoreCase("tcp") || protocol.equalsIgnoreCase("udp") || protocol.equals("6") || protocol.equals("17"))) {
      return false; // icmp and the like have no ports
    }
    if (!p.path("fromPort").canConvertToInt() && !p.path("fromPort").isTextual()) {
      return false;
    }
    int from = p.path("fromPort").asInt(Integer.MIN_VALUE);
    int to = p.path("toPort").asInt(Integer.MIN_VALUE);
    for (int port : ADMIN_PORTS) {
      if (from <= port && port <= to) {
        return true;
      }
    }
    return false;
  }

  private static boolean toWorld(JsonNode p) {
    for (JsonNode r : list(p.path("ipRanges"))) {
      if (wholeInternet(r.path("cidrIp").asText())) {
        return true;
      }
    }
    for (JsonNode r : list(p.path("ipv6Ranges"))) {
      if (wholeInternet(r.path("cidrIpv6").asText())) {
        return true;
      }
    }
    return false;
  }

  /**
   * A CIDR of prefix length 0, whatever address it is written with: EC2 API Reference, IpRange and Ipv6Range, "AWS
   * canonicalizes IPv4 and IPv6 CIDRs", so {@code 198.51.100.7/0} is stored as {@code 0.0.0.0/0}.
   */
  static boolean wholeInternet(String cidr) {
    int slash = cidr.lastIndexOf('/');
    if (slash <= 0 || !cidr.substring(slash + 1).trim().matches("0+")) {
      return false;
    }
    String address = cidr.substring(0, slash).trim();
    return address.matches("\\d{1,3}(\\.\\d{1,3}){3}") || address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
  }

  private static Iterable<JsonNode> list(JsonNode ranges) {
    JsonNode items = ranges.isObject() ? ranges.path("items") : ranges;
    return items.isArray() ? items : java.util.List.of();
  }
}
