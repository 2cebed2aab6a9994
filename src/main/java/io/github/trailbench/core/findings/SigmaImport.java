package io.github.trailbench.core.findings;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.trailbench.core.model.SourceProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Imports Sigma rules for the CloudTrail log source ({@code logsource: product: aws, service:
 * cloudtrail}) into this rule format. Supported: selections as maps (AND) or lists of maps
 * (OR) of field names (nested paths such as {@code requestParameters.userData}) with values or
 * value lists; modifiers {@code contains}, {@code startswith}, {@code endswith}, {@code all},
 * {@code re} (with {@code i}, {@code m}, {@code s}), {@code cidr}, {@code fieldref},
 * {@code exists}, {@code cased}; {@code null} for an absent field; conditions with {@code and},
 * {@code or}, {@code not}, parentheses, {@code 1 of X*}, {@code all of X*}, {@code 1 of them},
 * {@code all of them}. Values match case-insensitively with Sigma's {@code *} and {@code ?}
 * wildcards; a field holding an object or list matches its JSON text. YAML is read by
 * jackson-dataformat-yaml. Not supported (the rule is rejected with the reason): keyword lists,
 * aggregations ({@code | count()}), other modifiers, field names this format does not know.
 */
public final class SigmaImport {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private SigmaImport() {}

  /** One Sigma rule as the JSON text of a rule of this format (to read, edit or save). */
  public static String toRuleJson(String yaml, String source) throws RulePackException {
    try {
      return EventView.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(convert(yaml, source));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One Sigma rule as a one-rule pack. */
  public static RulePack parse(String yaml, String source) throws RulePackException {
    ObjectNode pack = F.objectNode();
    pack.put("format", RuleParser.FORMAT);
    pack.put("name", "Sigma: " + source);
    pack.putArray("rules").add(convert(yaml, source));
    return RulePack.parse(pack.toString(), source);
  }

  /** A Sigma rule file, or every {@code *.yml}/{@code *.yaml} file of a folder in name order. */
  public static RulePack load(Path path) throws IOException, RulePackException {
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> s = Files.list(path)) {
        files = s.filter(p -> p.getFileName().toString().matches("(?i).*\\.ya?ml")).sorted().toList();
      }
      RulePack out = new RulePack("Sigma: " + path.getFileName(), List.of());
      for (Path f : files) {
        out = out.plus(load(f));
      }
      return out;
    }
    return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
  }

  private static ObjectNode convert(String yaml, String source) throws RulePackException {
    JsonNode y;
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      y = docs.hasNextValue() ? docs.nextValue() : null;
      if (docs.hasNextValue() && docs.nextValue() != null) {
        throw new RulePackException(new SourceProblem(source, null,
            "several YAML documents in one file (Sigma rule collections) are not supported"));
      }
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String pos = loc == null ? null : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new RulePackException(new SourceProblem(source, pos, "not valid YAML: " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (y == null) {
      throw new RulePackException(new SourceProblem(source, null, "empty file"));
    }
    try {
      return rule(y);
    } catch (RuleParser.Problem p) {
      throw new RulePackException(new SourceProblem(source, p.position, p.getMessage()));
    }
  }

  private static ObjectNode rule(JsonNode y) {
    if (!y.isObject()) {
      throw new RuleParser.Problem("", "a Sigma rule is a YAML mapping");
    }
    JsonNode ls = y.path("logsource");
    if (!"aws".equalsIgnoreCase(ls.path("product").asText("")) || !"cloudtrail".equalsIgnoreCase(ls.path("service").asText(""))) {
      throw new RuleParser.Problem("logsource", "not a CloudTrail rule (expected product: aws, service: cloudtrail)");
    }
    String title = text(y, "title");
    if (title == null) {
      throw new RuleParser.Problem("title", "a Sigma rule needs a title");
    }
    String sigmaId = text(y, "id");
    String id = "sigma-" + (sigmaId != null ? sigmaId : slug(title)).replaceAll("[^A-Za-z0-9._-]", "-");
    ObjectNode r = F.objectNode();
    r.put("id", id.length() > 100 ? id.substring(0, 100) : id);
    r.put("title", title);
    r.put("severity", severity(text(y, "level")));
    String description = text(y, "description");
    r.put("description", description == null || description.isBlank() ? title : description.trim());
    r.set("falsePositives", strings(y.get("falsepositives")));
    r.set("references", strings(y.get("references")));
    r.set("tags", strings(y.get("tags")));
    r.put("comment", "Imported from Sigma rule " + (sigmaId == null ? title : sigmaId)
        + (text(y, "author") == null ? "" : " by " + text(y, "author")));
    r.put("kind", "match");
    JsonNode detection = y.get("detection");
    if (detection == null || !detection.isObject()) {
      throw new RuleParser.Problem("detection", "a Sigma rule needs a detection mapping");
    }
    JsonNode condition = detection.get("condition");
    if (condition == null || condition.isNull()) {
      throw new RuleParser.Problem("detection.condition", "missing condition");
    }
    ObjectNode selections = F.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = detection.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("condition") && !e.getKey().equals("timeframe")) {
        selections.set(e.getKey(), selection(e.getValue(), "detection." + e.getKey()));
      }
    }
    if (detection.has("timeframe")) {
      throw new RuleParser.Problem("detection.timeframe", "timeframes and aggregations are not supported");
    }
    JsonNode match;
    if (condition.isArray()) {
      ArrayNode any = F.arrayNode();
      for (JsonNode c : condition) {
        any.add(new Condition(c.asText(), selections).parse());
      }
      match = F.objectNode().set("anyOf", any);
    } else {
      match = new Condition(condition.asText(), selections).parse();
    }
    r.set("match", match);
    return r;
  }

  private static JsonNode selection(JsonNode sel, String at) {
    if (sel.isArray()) {
      ArrayNode any = F.arrayNode();
      for (int i = 0; i < sel.size(); i++) {
        if (!sel.get(i).isObject()) {
          throw new RuleParser.Problem(at, "keyword lists (values without a field) are not supported");
        }
        any.add(selection(sel.get(i), at + "[" + i + "]"));
      }
      return F.objectNode().set("anyOf", any);
    }
    if (!sel.isObject()) {
      throw new RuleParser.Problem(at, "a selection is a mapping of fields to values");
    }
    ArrayNode all = F.arrayNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = sel.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String[] parts = e.getKey().split("\\|");
      String field = parts[0];
      String fat = at + "." + e.getKey();
      try {
        FieldPath.parse(field);
      } catch (IllegalArgumentException ex) {
        throw new RuleParser.Problem(fat, ex.getMessage());
      }
      boolean allValues = false;
      boolean cased = false;
      String mode = "equals";
      StringBuilder reFlags = new StringBuilder();
      for (int i = 1; i < parts.length; i++) {
        switch (parts[i]) {
          case "contains", "startswith", "endswith", "re", "cidr", "fieldref", "exists" -> mode = parts[i];
          case "all" -> allValues = true;
          case "cased" -> cased = true;
          case "i", "m", "s" -> {
            if (!mode.equals("re")) {
              throw new RuleParser.Problem(fat, "modifier '" + parts[i] + "' only follows 're'");
            }
            reFlags.append(parts[i]);
          }
          default -> throw new RuleParser.Problem(fat, "modifier '" + parts[i] + "' is not supported");
        }
      }
      List<JsonNode> values = new ArrayList<>();
      if (e.getValue().isArray()) {
        e.getValue().forEach(values::add);
      } else {
        values.add(e.getValue());
      }
      if (values.isEmpty()) {
        throw new RuleParser.Problem(fat, "empty list of values");
      }
      ArrayNode alternatives = F.arrayNode();
      for (JsonNode v : values) {
        ObjectNode cond = F.objectNode();
        if (mode.equals("exists")) {
          if (!v.isBoolean()) {
            throw new RuleParser.Problem(fat, "'exists' takes true or false");
          }
          cond.set(field, F.objectNode().put("exists", v.asBoolean()));
        } else if (v.isNull()) {
          cond.putNull(field);
        } else if (!v.isValueNode()) {
          throw new RuleParser.Problem(fat, "a value must be a string, number, boolean or null");
        } else if (mode.equals("cidr")) {
          cond.set(field, F.objectNode().put("cidr", v.asText()));
        } else if (mode.equals("fieldref")) {
          try {
            FieldPath.parse(v.asText());
          } catch (IllegalArgumentException ex) {
            throw new RuleParser.Problem(fat, ex.getMessage());
          }
          cond.set(field, F.objectNode().put("equalsField", v.asText()));
        } else {
          String re = mode.equals("re") ? (reFlags.isEmpty() ? "" : "(?" + reFlags + ")") + v.asText()
              : regex(v.asText(), mode, cased);
          cond.set(field, F.objectNode().put("regex", re));
        }
        alternatives.add(cond);
      }
      if (alternatives.size() == 1) {
        all.add(alternatives.get(0));
      } else {
        all.add(F.objectNode().set(allValues ? "allOf" : "anyOf", alternatives));
      }
    }
    if (all.isEmpty()) {
      throw new RuleParser.Problem(at, "empty selection");
    }
    return all.size() == 1 ? all.get(0) : F.objectNode().set("allOf", all);
  }

  /** A Sigma value as an anchored case-insensitive regex; {@code *}, {@code ?} wildcards, {@code \} escapes. */
  static String regex(String value, String mode) {
    return regex(value, mode, false);
  }

  /** As {@link #regex(String, String)}; {@code cased} keeps the case (Sigma's {@code cased} modifier). */
  static String regex(String value, String mode, boolean cased) {
    StringBuilder re = new StringBuilder(cased ? "(?s)" : "(?is)");
    if (mode.equals("equals") || mode.equals("startswith")) {
      re.append('^');
    }
    StringBuilder lit = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length() && "*?\\".indexOf(value.charAt(i + 1)) >= 0) {
        lit.append(value.charAt(++i));
      } else if (c == '*' || c == '?') {
        if (lit.length() > 0) {
          re.append(Pattern.quote(lit.toString()));
          lit.setLength(0);
        }
        re.append(c == '*' ? ".*" : ".");
      } else {
        lit.append(c);
      }
    }
    if (lit.length() > 0) {
      re.append(Pattern.quote(lit.toString()));
    }
    if (mode.equals("equals") || mode.equals("endswith")) {
      re.append('$');
    }
    return re.toString();
  }

  /** Recursive-descent parser of Sigma conditions into selections of this format. */
  private static final class Condition {
    private final List<String> tokens = new ArrayList<>();
    private final ObjectNode selections;
    private final String text;
    private int pos;

    Condition(String text, ObjectNode selections) {
      this.text = text;
      this.selections = selections;
      if (text.contains("|")) {
        throw new RuleParser.Problem("detection.condition", "aggregations ('|') are not supported: " + text);
      }
      var m = Pattern.compile("\\(|\\)|[^\\s()]+").matcher(text);
      while (m.find()) {
        tokens.add(m.group());
      }
    }

    JsonNode parse() {
      JsonNode n = or();
      if (pos != tokens.size()) {
        throw problem("unexpected '" + tokens.get(pos) + "'");
      }
      return n;
    }

    private JsonNode or() {
      List<JsonNode> parts = new ArrayList<>(List.of(and()));
      while (peek("or")) {
        pos++;
        parts.add(and());
      }
      return combine("anyOf", parts);
    }

    private JsonNode and() {
      List<JsonNode> parts = new ArrayList<>(List.of(factor()));
      while (peek("and")) {
        pos++;
        parts.add(factor());
      }
      return combine("allOf", parts);
    }

    private JsonNode factor() {
      if (pos >= tokens.size()) {
        throw problem("condition ends too early");
      }
      String t = tokens.get(pos++);
      String lower = t.toLowerCase(Locale.ROOT);
      if (lower.equals("not")) {
        return F.objectNode().set("not", factor());
      }
      if (t.equals("(")) {
        JsonNode n = or();
        if (!peek(")")) {
          throw problem("missing ')'");
        }
        pos++;
        return n;
      }
      if ((lower.equals("1") || lower.equals("any") || lower.equals("all")) && peek("of")) {
        pos++;
        if (pos >= tokens.size()) {
          throw problem("'of' needs a selection name pattern or 'them'");
        }
        String pattern = tokens.get(pos++);
        List<JsonNode> matched = new ArrayList<>();
        Pattern p = pattern.equalsIgnoreCase("them") ? Pattern.compile(".*")
            : RuleParser.glob(pattern);
        for (Iterator<String> it = selections.fieldNames(); it.hasNext(); ) {
          String name = it.next();
          if (p.matcher(name).matches() && !(pattern.equalsIgnoreCase("them") && name.startsWith("_"))) {
            matched.add(selections.get(name));
          }
        }
        if (matched.isEmpty()) {
          throw problem("no selection matches '" + pattern + "'");
        }
        return combine(lower.equals("all") ? "allOf" : "anyOf", matched);
      }
      JsonNode sel = selections.get(t);
      if (sel == null) {
        throw problem("unknown selection '" + t + "'");
      }
      return sel;
    }

    private boolean peek(String word) {
      return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(word);
    }

    private JsonNode combine(String op, List<JsonNode> parts) {
      if (parts.size() == 1) {
        return parts.get(0);
      }
      ArrayNode a = F.arrayNode();
      parts.forEach(a::add);
      return F.objectNode().set(op, a);
    }

    private RuleParser.Problem problem(String reason) {
      return new RuleParser.Problem("detection.condition", reason + " in '" + text + "'");
    }
  }

  private static String severity(String level) {
    if (level == null) {
      return "medium";
    }
    return switch (level.toLowerCase(Locale.ROOT)) {
      case "informational", "info" -> "info";
      case "low" -> "low";
      case "high" -> "high";
      case "critical" -> "critical";
      default -> "medium";
    };
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static ArrayNode strings(JsonNode n) {
    ArrayNode a = F.arrayNode();
    if (n == null || n.isNull()) {
      return a;
    }
    if (n.isArray()) {
      n.forEach(x -> {
        if (!x.isNull()) {
          a.add(x.asText());
        }
      });
    } else {
      a.add(n.asText());
    }
    return a;
  }

  private static String slug(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }

}
