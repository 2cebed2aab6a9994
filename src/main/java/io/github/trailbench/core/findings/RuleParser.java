package io.github.trailbench.core.findings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.enrich.IpAddress;
import io.github.trailbench.core.model.SourceProblem;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads the JSON rule format of docs/detections.md into {@link Rule}s. */
final class RuleParser {
  static final String FORMAT = "trailbench-rules/1";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Set<String> RULE_KEYS = Set.of("id", "title", "severity", "description", "falsePositives",
      "references", "tags", "kind", "match", "exclude", "groupBy", "summary", "enabled", "comment", "outcome",
      "threshold", "window", "by", "key", "of", "learningPeriod", "firstObservationLearns", "alertWhen",
      "first", "then", "within", "minThen", "firstUnseen", "sameValues", "minimum", "factor", "yieldsTo", "thenAll");
  private static final Set<String> OPS = Set.of("equals", "notEquals", "exists", "startsWith", "endsWith",
      "contains", "regex", "equalsField", "notEqualsField", "equalsFieldIgnoreCase", "notEqualsFieldIgnoreCase", "ipClass",
      "notIpClass", "cidr", "policyAllowsAll", "policyTrustsOutside", "policyPublic", "opensAdminPortToWorld", "aclExposes", "accountsInOrganization",
      "accountOutside");

  /**
   * An AWS account id (12 digits, not part of a longer number), organization id ({@code o-...}) or
   * organizational unit id ({@code ou-...}) inside a value.
   */
  private static final Pattern ORGANIZATION_MEMBER = Pattern.compile(
      "(?<![0-9])[0-9]{12}(?![0-9])|(?<![a-z0-9-])o-[a-z0-9]{10,32}(?![a-z0-9])|(?<![a-z0-9-])ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}(?![a-z0-9])");

  /** A problem at a JSON position inside the file. */
  static final class Problem extends RuntimeException {
    final String position;

    Problem(String position, String reason) {
      super(reason);
      this.position = position;
    }
  }

  private final String file;

  RuleParser(String file) {
    this.file = file;
  }

  RulePack parse(String json) throws RulePackException {
    JsonNode root;
    try {
      root = EventView.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String pos = loc == null ? null : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new RulePackException(new SourceProblem(file, pos, "not valid JSON: " + e.getOriginalMessage()), e);
    }
    try {
      return parse(root);
    } catch (Problem p) {
      throw new RulePackException(new SourceProblem(file, p.position, p.getMessage()), p);
    }
  }

  private RulePack parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new Problem("", "a rule file is a JSON object {\"format\": \"" + FORMAT + "\", \"rules\": [...]}");
    }
    String format = root.path("format").asText(null);
    if (!FORMAT.equals(format)) {
      throw new Problem("format", "expected \"format\": \"" + FORMAT + "\" but found " + root.get("format"));
    }
    String name = root.path("name").asText(file);
    JsonNode rules = root.get("rules");
    if (rules == null || !rules.isArray()) {
      throw new Problem("rules", "\"rules\" must be an array");
    }
    List<Rule> out = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      Rule r = rule(rules.get(i), "rules[" + i + "]");
      if (!ids.add(r.id())) {
        throw new Problem("rules[" + i + "].id", "duplicate rule id '" + r.id() + "'");
      }
      out.add(r);
    }
    return new RulePack(name, out);
  }

  private Rule rule(JsonNode n, String at) {
    if (!n.isObject()) {
      throw new Problem(at, "a rule is a JSON object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!RULE_KEYS.contains(k)) {
        throw new Problem(at + "." + k, "unknown rule property '" + k + "'");
      }
    }
    String id = requiredText(n, "id", at);
    if (!ID.matcher(id).matches()) {
      throw new Problem(at + ".id", "rule id '" + id + "' may hold letters, digits, '.', '_' and '-' only");
    }
    String rat = at + "(" + id + ")";
    String title = requiredText(n, "title", rat);
    Severity severity;
    try {
      severity = Severity.parse(requiredText(n, "severity", rat));
    } catch (IllegalArgumentException e) {
      throw new Problem(rat + ".severity", e.getMessage());
    }
    String description = requiredText(n, "description", rat);
    String kindName = n.path("kind").asText("match");
    Selector match = n.has("match") ? selector(n.get("match"), rat + ".match") : null;
    Selector exclude = n.has("exclude") ? selector(n.get("exclude"), rat + ".exclude") : null;
    RuleKind kind = switch (kindName) {
      case "match" -> {
        if (match == null) {
          throw new Problem(rat + ".match", "a match rule needs \"match\"");
        }
        yield new RuleKind.Match();
      }
      case "burst" -> new RuleKind.Burst(positiveInt(n, "threshold", rat, null),
          duration(n, "window", rat, null), fields(n, "by", rat, List.of("principal")));
      case "firstSeen" -> new RuleKind.FirstSeen(fields(n, "key", rat, List.of("principal")),
          fields(n, "of", rat, null), duration(n, "learningPeriod", rat, Duration.ZERO),
          bool(n, "firstObservationLearns", rat, true),
          n.has("alertWhen") ? selector(n.get("alertWhen"), rat + ".alertWhen") : null);
      case "sequence" -> {
        if (!n.has("first") || n.has("then") == n.has("thenAll")) {
          throw new Problem(rat, "a sequence rule needs \"first\" and either \"then\" or \"thenAll\"");
        }
        List<Selector> thenAll = new ArrayList<>();
        if (n.has("thenAll")) {
          JsonNode all = n.get("thenAll");
          if (!all.isArray() || all.isEmpty()) {
            throw new Problem(rat + ".thenAll", "\"thenAll\" is a non-empty list of selections");
          }
          if (n.has("minThen")) {
            throw new Problem(rat + ".minThen", "\"minThen\" counts \"then\" events; with \"thenAll\" each selection needs one");
          }
          for (int i = 0; i < all.size(); i++) {
            thenAll.add(selector(all.get(i), rat + ".thenAll[" + i + "]"));
          }
        }
        yield new RuleKind.Sequence(selector(n.get("first"), rat + ".first"),
            n.has("then") ? selector(n.get("then"), rat + ".then") : null,
            duration(n, "within", rat, null), fields(n, "by", rat, List.of("principal")),
            positiveInt(n, "minThen", rat, 1), fields(n, "firstUnseen", rat, List.of()),
            fields(n, "sameValues", rat, List.of()), thenAll);
      }
      case "spike" -> new RuleKind.Spike(duration(n, "window", rat, null), fields(n, "by", rat, List.of("principal")),
          positiveInt(n, "minimum", rat, null), positiveInt(n, "factor", rat, null));
      default -> throw new Problem(rat + ".kind",
          "unknown kind '" + kindName + "' (expected match, burst, firstSeen, sequence or spike)");
    };
    List<String> defaultGroup = kind instanceof RuleKind.Burst b ? b.by()
        : kind instanceof RuleKind.Spike sp ? sp.by()
        : kind instanceof RuleKind.FirstSeen f ? f.key()
        : kind instanceof RuleKind.Sequence s ? s.by() : List.of("principal");
    List<String> groupBy = fields(n, "groupBy", rat, defaultGroup);
    String summary = n.has("summary") ? n.get("summary").asText() : null;
    try {
      new SummaryTemplate(summary);
    } catch (IllegalArgumentException e) {
      throw new Problem(rat + ".summary", e.getMessage());
    }
    Rule.Outcome outcome;
    try {
      outcome = Rule.Outcome.parse(n.path("outcome").asText("any"));
    } catch (IllegalArgumentException e) {
      throw new Problem(rat + ".outcome", e.getMessage());
    }
    return new Rule(id, title, severity, description, texts(n, "falsePositives", rat), texts(n, "references", rat),
        texts(n, "tags", rat), kind, match, exclude, groupBy, summary, bool(n, "enabled", rat, true), file, outcome,
        texts(n, "yieldsTo", rat), "");
  }

  // ---- selections

  Selector selector(JsonNode n, String at) {
    return new Selector(node(n, at), n.toString());
  }

  private Selector.Node node(JsonNode n, String at) {
    if (n.isArray()) {
      List<Selector.Node> parts = new ArrayList<>();
      for (int i = 0; i < n.size(); i++) {
        parts.add(node(n.get(i), at + "[" + i + "]"));
      }
      return new Selector.AnyOf(parts);
    }
    if (!n.isObject()) {
      throw new Problem(at, "a selection is a JSON object of field conditions (or a list of them: any of)");
    }
    List<Selector.Node> parts = new ArrayList<>();
    List<Selector.Node> deferred = new ArrayList<>(); // nested documents last: cheap fields decide first
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      String kat = at + "." + k;
      switch (k) {
        case "anyOf", "allOf" -> {
          if (!e.getValue().isArray() || e.getValue().isEmpty()) {
            throw new Problem(kat, "\"" + k + "\" takes a non-empty list of selections");
          }
          List<Selector.Node> sub = new ArrayList<>();
          for (int i = 0; i < e.getValue().size(); i++) {
            sub.add(node(e.getValue().get(i), kat + "[" + i + "]"));
          }
          deferred.add(k.equals("anyOf") ? new Selector.AnyOf(sub) : new Selector.AllOf(sub));
        }
        case "not" -> deferred.add(new Selector.Not(node(e.getValue(), kat)));
        default -> {
          FieldPath path;
          try {
            path = FieldPath.parse(k);
          } catch (IllegalArgumentException ex) {
            throw new Problem(kat, ex.getMessage());
          }
          Selector.Field f = new Selector.Field(path, ops(e.getValue(), kat));
          if (k.contains(".") && !k.startsWith("userIdentity.")) {
            deferred.add(f);
          } else {
            parts.add(f);
          }
        }
      }
    }
    parts.addAll(deferred);
    if (parts.isEmpty()) {
      throw new Problem(at, "empty selection");
    }
    return parts.size() == 1 ? parts.get(0) : new Selector.AllOf(parts);
  }

  private List<Selector.Op> ops(JsonNode v, String at) {
    if (v.isNull()) {
      return List.of(exists(false));
    }
    if (v.isValueNode() || v.isArray()) {
      return List.of(equalsOp(patterns(v, at), false));
    }
    List<Selector.Op> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String op = e.getKey();
      JsonNode arg = e.getValue();
      String oat = at + "." + op;
      if (!OPS.contains(op)) {
        throw new Problem(oat, "unknown operator '" + op + "' (expected one of " + new java.util.TreeSet<>(OPS) + ")");
      }
      switch (op) {
        case "equals" -> out.add(equalsOp(patterns(arg, oat), false));
        case "notEquals" -> out.add(equalsOp(patterns(arg, oat), true));
        case "exists" -> out.add(exists(boolArg(arg, oat)));
        case "startsWith" -> {
          List<String> xs = strings(arg, oat);
          out.add((val, ev) -> Selector.anyText(val, s -> xs.stream().anyMatch(s::startsWith)));
        }
        case "endsWith" -> {
          List<String> xs = strings(arg, oat);
          out.add((val, ev) -> Selector.anyText(val, s -> xs.stream().anyMatch(s::endsWith)));
        }
        case "contains" -> {
          List<String> xs = strings(arg, oat);
          out.add((val, ev) -> Selector.anyText(val, s -> xs.stream().anyMatch(s::contains)));
        }
        case "regex" -> {
          Pattern p;
          try {
            p = Pattern.compile(textArg(arg, oat));
          } catch (PatternSyntaxException ex) {
            throw new Problem(oat, "bad regular expression: " + ex.getDescription());
          }
          out.add((val, ev) -> Selector.anyText(val, s -> p.matcher(s).find()));
        }
        case "equalsField", "notEqualsField", "equalsFieldIgnoreCase", "notEqualsFieldIgnoreCase" -> {
          FieldPath other;
          try {
            other = FieldPath.parse(textArg(arg, oat));
          } catch (IllegalArgumentException ex) {
            throw new Problem(oat, ex.getMessage());
          }
          boolean negate = op.startsWith("not");
          boolean ignoreCase = op.endsWith("IgnoreCase");
          out.add((val, ev) -> {
            if (val == null) {
              return false; // both operators need the field itself
            }
            String mine = val.isValueNode() ? val.asText() : val.toString();
            String theirs = other.value(ev);
            boolean equal = ignoreCase ? mine.equalsIgnoreCase(theirs) : Objects.equals(mine, theirs);
            return negate != equal;
          });
        }
        case "ipClass", "notIpClass" -> {
          EnumSet<IpClass> classes = EnumSet.noneOf(IpClass.class);
          for (String s : strings(arg, oat)) {
            try {
              classes.add(IpClass.parse(s));
            } catch (IllegalArgumentException ex) {
              throw new Problem(oat, ex.getMessage());
            }
          }
          boolean negate = op.equals("notIpClass");
          out.add((val, ev) -> {
            String text = val == null ? null : val.asText();
            IpClass c = text != null && text.equals(ev.event().sourceIpAddress()) ? ev.sourceIpClass()
                : ev.ipClassifier().classify(text);
            return negate != classes.contains(c == null ? IpClass.UNKNOWN : c);
          });
        }
        case "cidr" -> {
          List<Network> nets = new ArrayList<>();
          for (String c : strings(arg, oat)) {
            nets.add(Network.parse(c, oat));
          }
          out.add((val, ev) -> Selector.anyText(val, s -> {
            if (!(IpAddress.parse(s) instanceof IpAddress.Ok ok)) {
              return false;
            }
            IpAddress a = ok.address().mappedV4() != null ? ok.address().mappedV4() : ok.address();
            return nets.stream().anyMatch(n -> a.in(n.address(), n.prefix()));
          }));
        }
        case "accountsInOrganization" -> {
          // true: the value names at least one account, organization or OU id and the case's organization manifest
          // lists every one; false: it names at least one the manifest does not list (or the case holds no manifest)
          boolean want = boolArg(arg, oat);
          out.add((val, ev) -> {
            if (val == null) {
              return false;
            }
            java.util.regex.Matcher m = ORGANIZATION_MEMBER.matcher(val.isValueNode() ? val.asText() : val.toString());
            boolean any = false;
            boolean all = true;
            while (m.find()) {
              any = true;
              all &= ev.inOrganization(m.group());
            }
            return any && all == want;
          });
        }
        case "policyAllowsAll" -> {
          boolean want = boolArg(arg, oat);
          out.add((val, ev) -> {
            JsonNode doc = Policies.document(val);
            return doc != null && Policies.allowsAll(doc) == want;
          });
        }
        case "policyTrustsOutside" -> {
          boolean want = boolArg(arg, oat);
          out.add((val, ev) -> {
            JsonNode doc = Policies.document(val);
            return doc != null && !Policies.outsidePrincipals(doc, ev.recipientAccount()).isEmpty() == want;
          });
        }
        case "opensAdminPortToWorld" -> {
          boolean want = boolArg(arg, oat);
          out.add((val, ev) -> IngressRules.opensAdminPortToWorld(val) == want);
        }
        case "policyPublic" -> {
          boolean want = boolArg(arg, oat);
          out.add((val, ev) -> {
            JsonNode doc = Policies.document(val);
            return doc != null && Policies.grantsEveryone(doc) == want;
          });
        }
        case "accountOutside" -> {
          // true: some value is an account id or an ARN of an account other than the recipient account; false: the
          // value names accounts, all of them the recipient
          boolean want = boolArg(arg, oat);
          out.add((val, ev) -> {
            List<String> accounts = Policies.strings(val).stream().map(Policies::accountOf).filter(Objects::nonNull).toList();
            return !accounts.isEmpty() && accounts.stream().anyMatch(a -> !a.equals(ev.recipientAccount())) == want;
          });
        }
        case "aclExposes" -> {
          java.util.Set<LoggedAcls.Audience> want = java.util.EnumSet.noneOf(LoggedAcls.Audience.class);
          for (String w : strings(arg, oat)) {
            want.add(LoggedAcls.Audience.of(w).orElseThrow(() -> new Problem(oat, "aclExposes takes \"public\" and/or \"otherAccount\", not \"" + w + "\"")));
          }
          out.add((val, ev) -> LoggedAcls.grants(val).stream().anyMatch(g -> g.audience() != null && want.contains(g.audience())));
        }
        default -> throw new IllegalStateException(op);
      }
    }
    if (out.isEmpty()) {
      throw new Problem(at, "no operator given");
    }
    return out;
  }

  /** An address range written {@code 10.0.0.0/8} or {@code 2001:db8::/32} (a bare address: its own range). */
  private record Network(IpAddress address, int prefix) {
    static Network parse(String text, String at) {
      int slash = text.indexOf('/');
      String addr = slash < 0 ? text : text.substring(0, slash);
      if (!(IpAddress.parse(addr) instanceof IpAddress.Ok ok)) {
        throw new Problem(at, "'" + text + "' is not an IPv4 or IPv6 address range");
      }
      int max = ok.address().v6() ? 128 : 32;
      int prefix = max;
      if (slash >= 0) {
        String p = text.substring(slash + 1).strip();
        if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > max) {
          throw new Problem(at, "'" + text + "' has a bad prefix length (0 to " + max + ")");
        }
        prefix = Integer.parseInt(p);
      }
      return new Network(ok.address(), prefix);
    }
  }

  private static Selector.Op exists(boolean want) {
    return (val, ev) -> (val != null && !(val.isTextual() && val.asText().isEmpty())) == want;
  }

  private static Selector.Op equalsOp(List<Predicate<String>> ps, boolean negate) {
    return (val, ev) -> negate != Selector.anyText(val, s -> {
      for (Predicate<String> p : ps) {
        if (p.test(s)) {
          return true;
        }
      }
      return false;
    });
  }

  private static List<Predicate<String>> patterns(JsonNode arg, String at) {
    List<Predicate<String>> out = new ArrayList<>();
    Set<String> exact = new java.util.HashSet<>();
    for (String s : strings(arg, at)) {
      if (s.indexOf('*') < 0 && s.indexOf('?') < 0 && s.indexOf('\\') < 0) {
        exact.add(s);
      } else {
        Pattern p = glob(s);
        out.add(x -> p.matcher(x).matches());
      }
    }
    if (!exact.isEmpty()) {
      out.add(0, exact::contains);
    }
    return out;
  }

  /** {@code *} any run of characters, {@code ?} one character, {@code \} escapes; case-sensitive. */
  static Pattern glob(String s) {
    StringBuilder re = new StringBuilder();
    StringBuilder lit = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        lit.append(s.charAt(++i));
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
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  // ---- argument helpers

  private static List<String> strings(JsonNode arg, String at) {
    List<String> out = new ArrayList<>();
    if (arg.isArray()) {
      if (arg.isEmpty()) {
        throw new Problem(at, "empty list");
      }
      for (JsonNode x : arg) {
        if (!x.isValueNode() || x.isNull()) {
          throw new Problem(at, "list items must be strings, numbers or booleans");
        }
        out.add(x.asText());
      }
    } else if (arg.isValueNode() && !arg.isNull()) {
      out.add(arg.asText());
    } else {
      throw new Problem(at, "expected a value or a list of values");
    }
    return out;
  }

  private static String textArg(JsonNode arg, String at) {
    if (!arg.isTextual()) {
      throw new Problem(at, "expected a string");
    }
    return arg.asText();
  }

  private static boolean boolArg(JsonNode arg, String at) {
    if (!arg.isBoolean()) {
      throw new Problem(at, "expected true or false");
    }
    return arg.asBoolean();
  }

  private static String requiredText(JsonNode n, String key, String at) {
    JsonNode v = n.get(key);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new Problem(at + "." + key, "\"" + key + "\" is required and must be a non-empty string");
    }
    return v.asText();
  }

  private static List<String> texts(JsonNode n, String key, String at) {
    JsonNode v = n.get(key);
    if (v == null || (v.isArray() && v.isEmpty())) {
      return List.of();
    }
    return strings(v, at + "." + key);
  }

  private static List<String> fields(JsonNode n, String key, String at, List<String> dflt) {
    JsonNode v = n.get(key);
    if (v == null) {
      if (dflt == null) {
        throw new Problem(at + "." + key, "\"" + key + "\" is required");
      }
      return dflt;
    }
    List<String> out = v.isArray() && v.isEmpty() ? List.of() : strings(v, at + "." + key);
    for (String f : out) {
      try {
        FieldPath.parse(f);
      } catch (IllegalArgumentException e) {
        throw new Problem(at + "." + key, e.getMessage());
      }
    }
    return out;
  }

  private static int positiveInt(JsonNode n, String key, String at, Integer dflt) {
    JsonNode v = n.get(key);
    if (v == null) {
      if (dflt == null) {
        throw new Problem(at + "." + key, "\"" + key + "\" is required");
      }
      return dflt;
    }
    if (!v.isInt() || v.asInt() < 1) {
      throw new Problem(at + "." + key, "\"" + key + "\" must be a positive integer");
    }
    return v.asInt();
  }

  private static boolean bool(JsonNode n, String key, String at, boolean dflt) {
    JsonNode v = n.get(key);
    return v == null ? dflt : boolArg(v, at + "." + key);
  }

  private static Duration duration(JsonNode n, String key, String at, Duration dflt) {
    JsonNode v = n.get(key);
    if (v == null) {
      if (dflt == null) {
        throw new Problem(at + "." + key, "\"" + key + "\" is required (e.g. \"PT5M\", \"10m\", \"1h\", \"7d\")");
      }
      return dflt;
    }
    try {
      return parseDuration(textArg(v, at + "." + key));
    } catch (IllegalArgumentException e) {
      throw new Problem(at + "." + key, e.getMessage());
    }
  }

  /** ISO-8601 ({@code PT5M}, {@code P7D}) or shorthand {@code 30s}, {@code 10m}, {@code 2h}, {@code 7d}. */
  static Duration parseDuration(String s) {
    String t = s.trim();
    try {
      if (t.matches("\\d+[smhd]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
      Duration d = Duration.parse(t);
      if (d.isNegative()) {
        throw new IllegalArgumentException("duration must not be negative: " + s);
      }
      return d;
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException("not a duration: '" + s + "' (e.g. \"PT5M\", \"10m\", \"1h\", \"7d\")");
    }
  }
}
