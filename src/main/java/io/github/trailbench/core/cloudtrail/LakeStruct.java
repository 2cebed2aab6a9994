package io.github.trailbench.core.cloudtrail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudTrail Lake's text form of a struct column, as get-query-results returns it in a cell:
 * {@code {type=IAMUser, principalid=AIDA…, arn=arn:aws:iam::…:user/mallory, sessioncontext={…}, invokedby=null}}
 * (the event data store schema's lower-case field names; {@code null} for a field without a value).
 */
final class LakeStruct {
  private LakeStruct() {}

  /** Lake's lower-case names of userIdentity's fields, as the record spells them. */
  private static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry("type", "type"), Map.entry("principalid", "principalId"), Map.entry("arn", "arn"),
      Map.entry("accountid", "accountId"), Map.entry("accesskeyid", "accessKeyId"), Map.entry("username", "userName"),
      Map.entry("invokedby", "invokedBy"), Map.entry("identityprovider", "identityProvider"),
      Map.entry("sessioncontext", "sessionContext"), Map.entry("sessionissuer", "sessionIssuer"),
      Map.entry("attributes", "attributes"), Map.entry("creationdate", "creationDate"),
      Map.entry("mfaauthenticated", "mfaAuthenticated"), Map.entry("sourceidentity", "sourceIdentity"),
      Map.entry("ec2roledelivery", "ec2RoleDelivery"), Map.entry("webidfederationdata", "webIdFederationData"),
      Map.entry("federatedprovider", "federatedProvider"), Map.entry("assumedroot", "assumedRoot"),
      Map.entry("credentialid", "credentialId"), Map.entry("onbehalfof", "onBehalfOf"), Map.entry("userid", "userId"),
      Map.entry("identitystorearn", "identityStoreArn"), Map.entry("inscopeof", "inScopeOf"));

  /** The userIdentity object a struct text holds; null when the text is not one (or names no type or ARN). */
  static ObjectNode userIdentity(String text) {
    Map<String, Object> fields = parse(text.strip());
    if (fields == null || !(fields.containsKey("type") || fields.containsKey("arn"))) {
      return null;
    }
    return object(fields);
  }

  private static ObjectNode object(Map<String, Object> fields) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    fields.forEach((k, v) -> {
      String name = NAMES.getOrDefault(k, k);
      if (v instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) m;
        o.set(name, object(inner));
      } else if (v != null) {
        o.put(name, (String) v);
      }
    });
    return o;
  }

  /**
   * {@code {k=v, k2={…}, …}} as a map of strings and maps ({@code null} for {@code null}); null when the text is not
   * one. A value runs to the next {@code ", name="} at its own depth, so an ARN or a time with commas stays whole.
   */
  static Map<String, Object> parse(String text) {
    if (!text.startsWith("{") || !text.endsWith("}")) {
      return null;
    }
    String body = text.substring(1, text.length() - 1);
    Map<String, Object> out = new LinkedHashMap<>();
    int i = 0;
    while (i < body.length()) {
      int eq = body.indexOf('=', i);
      if (eq < 0) {
        return null;
      }
      String key = body.substring(i, eq).strip();
      if (key.isEmpty() || !key.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
        return null;
      }
      int end = valueEnd(body, eq + 1);
      String raw = body.substring(eq + 1, end).strip();
      if (raw.startsWith("{")) {
        Map<String, Object> inner = parse(raw);
        if (inner == null) {
          return null;
        }
        out.put(key.toLowerCase(java.util.Locale.ROOT), inner);
      } else {
        out.put(key.toLowerCase(java.util.Locale.ROOT), raw.equals("null") || raw.isEmpty() ? null : raw);
      }
      i = end < body.length() ? end + 1 : end;
    }
    return out;
  }

  /** Where the value starting at {@code from} ends: before the next ", name=" outside braces, or at the end. */
  private static int valueEnd(String body, int from) {
    int depth = 0;
    for (int j = from; j < body.length(); j++) {
      char c = body.charAt(j);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (c == ',' && depth == 0 && nextIsKey(body, j + 1)) {
        return j;
      }
    }
    return body.length();
  }

  private static boolean nextIsKey(String body, int from) {
    int j = from;
    while (j < body.length() && body.charAt(j) == ' ') {
      j++;
    }
    int start = j;
    while (j < body.length() && (Character.isLetterOrDigit(body.charAt(j)) || body.charAt(j) == '_')) {
      j++;
    }
    return j > start && j < body.length() && body.charAt(j) == '=';
  }
}
