package io.github.trailbench.core.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.model.policy.ActionElement;
import io.github.trailbench.core.model.policy.ConditionClause;
import io.github.trailbench.core.model.policy.ConditionOperator;
import io.github.trailbench.core.model.policy.Effect;
import io.github.trailbench.core.model.policy.PolicyDocument;
import io.github.trailbench.core.model.policy.PrincipalElement;
import io.github.trailbench.core.model.policy.PrincipalType;
import io.github.trailbench.core.model.policy.PrincipalValue;
import io.github.trailbench.core.model.policy.ResourceElement;
import io.github.trailbench.core.model.policy.SetQualifier;
import io.github.trailbench.core.model.policy.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads IAM JSON policy documents into {@link PolicyDocument}s.
 *
 * <p>Rules: element names ({@code Statement}, {@code Effect}, {@code Action}, …), Effect values,
 * Principal type keys and condition operator names are case-sensitive, as AWS's are. Condition
 * key names are kept as written and matched case-insensitively by the engine. A string element
 * may be a single string or an array of strings; {@code Statement} may be one object or an
 * array. Malformed JSON is reported with line and column; a semantic error with a path like
 * {@code Statement[2].Condition.StringEquals}.
 */
public final class PolicyParser {

  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private static final Set<String> TOP_KEYS = Set.of("Version", "Id", "Statement");
  private static final Set<String> STATEMENT_KEYS =
      Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition");

  private PolicyParser() {}

  /** Parses policy JSON text; {@code file} names the source in error messages. */
  public static PolicyDocument parse(String json, String file) throws SourceFormatException {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new SourceFormatException(new SourceProblem(file, position(e.getLocation()), e.getOriginalMessage()), e);
    }
    if (node == null || node.isMissingNode()) {
      throw new SourceFormatException(new SourceProblem(file, "line 1, column 1", "empty policy document"));
    }
    return parse(node, file, "");
  }

  /** "line L, column C" of a Jackson location. */
  static String position(JsonLocation loc) {
    if (loc == null) {
      return "";
    }
    return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  /**
   * Parses a policy given as a JSON tree.
   *
   * @param pathPrefix prefix for error paths, e.g. {@code identityPolicies[0].document}; empty for
   *     a stand-alone document
   */
  public static PolicyDocument parse(JsonNode node, String file, String pathPrefix) throws SourceFormatException {
    return new Ctx(file, pathPrefix).document(node);
  }

  private static final class Ctx {
    final String file;
    final String prefix;

    Ctx(String file, String prefix) {
      this.file = file;
      this.prefix = prefix == null ? "" : prefix;
    }

    SourceFormatException error(String path, String reason) {
      String p = prefix.isEmpty() ? path : (path.isEmpty() ? prefix : prefix + "." + path);
      return new SourceFormatException(new SourceProblem(file, p.isEmpty() ? "(document)" : p, reason));
    }

    PolicyDocument document(JsonNode node) throws SourceFormatException {
      if (!node.isObject()) {
        throw error("", "a policy document must be a JSON object, found " + kind(node));
      }
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!TOP_KEYS.contains(k)) {
          throw error(k, "unknown policy element '" + k + "' (expected Version, Id or Statement; names are case-sensitive)");
        }
      }
      String version = null;
      JsonNode v = node.get("Version");
      if (v != null) {
        if (!v.isTextual()) {
          throw error("Version", "Version must be a string");
        }
        version = v.asText();
        if (!PolicyDocument.VERSION_2012.equals(version) && !PolicyDocument.VERSION_2008.equals(version)) {
          throw error("Version", "unsupported Version '" + version + "' (expected 2012-10-17 or 2008-10-17)");
        }
      }
      String id = null;
      JsonNode idNode = node.get("Id");
      if (idNode != null) {
        if (!idNode.isTextual()) {
          throw error("Id", "Id must be a string");
        }
        id = idNode.asText();
      }
      List<Statement> statements = new ArrayList<>();
      JsonNode st = node.get("Statement");
      if (st != null) {
        if (st.isObject()) {
          statements.add(statement(st, 0, "Statement"));
        } else if (st.isArray()) {
          for (int i = 0; i < st.size(); i++) {
            statements.add(statement(st.get(i), i, "Statement[" + i + "]"));
          }
        } else {
          throw error("Statement", "Statement must be an object or an array of objects, found " + kind(st));
        }
      }
      return new PolicyDocument(version, id, statements, node.toString());
    }

    Statement statement(JsonNode node, int index, String path) throws SourceFormatException {
      if (!node.isObject()) {
        throw error(path, "a statement must be a JSON object, found " + kind(node));
      }
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!STATEMENT_KEYS.contains(k)) {
          throw error(path + "." + k, "unknown statement element '" + k + "' (element names are case-sensitive)");
        }
      }
      String sid = null;
      if (node.has("Sid")) {
        JsonNode s = node.get("Sid");
        if (!s.isTextual()) {
          throw error(path + ".Sid", "Sid must be a string");
        }
        sid = s.asText();
      }
      JsonNode e = node.get("Effect");
      if (e == null) {
        throw error(path, "missing Effect");
      }
      Effect effect;
      if ("Allow".equals(e.asText()) && e.isTextual()) {
        effect = Effect.ALLOW;
      } else if ("Deny".equals(e.asText()) && e.isTextual()) {
        effect = Effect.DENY;
      } else {
        throw error(path + ".Effect", "unknown Effect '" + e.asText() + "' (expected Allow or Deny)");
      }

      boolean hasA = node.has("Action");
      boolean hasNA = node.has("NotAction");
      if (hasA && hasNA) {
        throw error(path, "both Action and NotAction (a statement has exactly one)");
      }
      if (!hasA && !hasNA) {
        throw error(path, "missing Action and NotAction (a statement needs one)");
      }
      String an = hasA ? "Action" : "NotAction";
      List<String> actions = strings(node.get(an), path + "." + an);
      for (int i = 0; i < actions.size(); i++) {
        String a = actions.get(i);
        if (!"*".equals(a) && a.indexOf(':') <= 0) {
          throw error(path + "." + an + (node.get(an).isArray() ? "[" + i + "]" : ""),
              "action '" + a + "' must be '*' or 'service:action'");
        }
      }
      ActionElement action = hasA ? new ActionElement.Action(actions) : new ActionElement.NotAction(actions);

      boolean hasR = node.has("Resource");
      boolean hasNR = node.has("NotResource");
      if (hasR && hasNR) {
        throw error(path, "both Resource and NotResource (a statement has at most one)");
      }
      ResourceElement resource = null;
      if (hasR) {
        resource = new ResourceElement.Resource(strings(node.get("Resource"), path + ".Resource"));
      } else if (hasNR) {
        resource = new ResourceElement.NotResource(strings(node.get("NotResource"), path + ".NotResource"));
      }

      boolean hasP = node.has("Principal");
      boolean hasNP = node.has("NotPrincipal");
      if (hasP && hasNP) {
        throw error(path, "both Principal and NotPrincipal (a statement has at most one)");
      }
      PrincipalElement principal = null;
      if (hasP) {
        principal = new PrincipalElement.Principal(principals(node.get("Principal"), path + ".Principal"));
      } else if (hasNP) {
        principal = new PrincipalElement.NotPrincipal(principals(node.get("NotPrincipal"), path + ".NotPrincipal"));
      }

      List<ConditionClause> conditions = List.of();
      if (node.has("Condition")) {
        conditions = conditions(node.get("Condition"), path + ".Condition");
      }
      return new Statement(sid, index, effect, action, resource, principal, conditions);
    }

    List<String> strings(JsonNode node, String path) throws SourceFormatException {
      List<String> out = new ArrayList<>();
      if (node.isTextual()) {
        out.add(node.asText());
      } else if (node.isArray()) {
        if (node.isEmpty()) {
          throw error(path, "empty list");
        }
        for (int i = 0; i < node.size(); i++) {
          JsonNode x = node.get(i);
          if (!x.isTextual()) {
            throw error(path + "[" + i + "]", "expected a string, found " + kind(x));
          }
          out.add(x.asText());
        }
      } else {
        throw error(path, "expected a string or an array of strings, found " + kind(node));
      }
      return out;
    }

    List<PrincipalValue> principals(JsonNode node, String path) throws SourceFormatException {
      List<PrincipalValue> out = new ArrayList<>();
      if (node.isTextual()) {
        if (!"*".equals(node.asText())) {
          throw error(path, "a Principal string must be \"*\"; name principals as {\"AWS\": …}, {\"Service\": …}");
        }
        out.add(PrincipalValue.ANY);
        return out;
      }
      if (!node.isObject()) {
        throw error(path, "expected \"*\" or an object, found " + kind(node));
      }
      if (node.isEmpty()) {
        throw error(path, "empty principal object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        PrincipalType type = PrincipalType.ofKey(f.getKey());
        if (type == null) {
          throw error(path + "." + f.getKey(),
              "unknown principal type '" + f.getKey() + "' (expected AWS, Service, Federated or CanonicalUser)");
        }
        for (String v : strings(f.getValue(), path + "." + f.getKey())) {
          out.add(type == PrincipalType.AWS && "*".equals(v) ? PrincipalValue.ANY : new PrincipalValue(type, v));
        }
      }
      return out;
    }

    List<ConditionClause> conditions(JsonNode node, String path) throws SourceFormatException {
      if (!node.isObject()) {
        throw error(path, "Condition must be an object, found " + kind(node));
      }
      List<ConditionClause> out = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        String opName = f.getKey();
        String opPath = path + "." + opName;
        String rest = opName;
        SetQualifier q = SetQualifier.NONE;
        if (rest.startsWith(SetQualifier.FOR_ALL_VALUES.prefix())) {
          q = SetQualifier.FOR_ALL_VALUES;
          rest = rest.substring(q.prefix().length());
        } else if (rest.startsWith(SetQualifier.FOR_ANY_VALUE.prefix())) {
          q = SetQualifier.FOR_ANY_VALUE;
          rest = rest.substring(q.prefix().length());
        }
        boolean ifExists = false;
        if (rest.endsWith("IfExists")) {
          ifExists = true;
          rest = rest.substring(0, rest.length() - "IfExists".length());
        }
        ConditionOperator op = ConditionOperator.ofName(rest);
        if (op == null) {
          throw error(opPath, "unknown condition operator '" + opName + "'");
        }
        if (op == ConditionOperator.NULL && (ifExists || q != SetQualifier.NONE)) {
          throw error(opPath, "Null cannot be combined with IfExists or a set qualifier");
        }
        JsonNode keys = f.getValue();
        if (!keys.isObject() || keys.isEmpty()) {
          throw error(opPath, "expected an object of condition keys to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> kit = keys.fields(); kit.hasNext(); ) {
          Map.Entry<String, JsonNode> kv = kit.next();
          String keyPath = opPath + "." + kv.getKey();
          List<String> values = conditionValues(kv.getValue(), keyPath);
          for (int i = 0; i < values.size(); i++) {
            String problem = Values.validate(op, values.get(i));
            if (problem != null) {
              throw error(values.size() > 1 || kv.getValue().isArray() ? keyPath + "[" + i + "]" : keyPath, problem);
            }
          }
          out.add(new ConditionClause(opName, op, ifExists, q, kv.getKey(), values));
        }
      }
      return out;
    }

    List<String> conditionValues(JsonNode node, String path) throws SourceFormatException {
      List<String> out = new ArrayList<>();
      if (node.isValueNode() && !node.isNull()) {
        out.add(node.asText());
      } else if (node.isArray()) {
        if (node.isEmpty()) {
          throw error(path, "empty list of condition values");
        }
        for (int i = 0; i < node.size(); i++) {
          JsonNode x = node.get(i);
          if (!x.isValueNode() || x.isNull()) {
            throw error(path + "[" + i + "]", "expected a string, number or boolean, found " + kind(x));
          }
          out.add(x.asText());
        }
      } else {
        throw error(path, "expected a value or an array of values, found " + kind(node));
      }
      return out;
    }
  }

  static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    switch (n.getNodeType()) {
      case ARRAY: return "an array";
      case OBJECT: return "an object";
      case STRING: return "a string";
      case NUMBER: return "a number";
      case BOOLEAN: return "a boolean";
      case NULL: return "null";
      default: return n.getNodeType().toString().toLowerCase();
    }
  }
}
