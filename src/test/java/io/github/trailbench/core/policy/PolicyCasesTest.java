package io.github.trailbench.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table-driven suite: every JSON file under {@code src/test/resources/policy-cases/} holds
 * {@code {"family", "defaults", "cases": [...]}}; each case names the AWS rule it checks.
 *
 * <p>A case is {@code {"rule", "input", "expect", "expectNode", "expectDependsOn",
 * "expectExplanation"}} where {@code input} is (part of) a simulate input merged over the file's
 * {@code defaults}. Shortcuts expand to simulate input: {@code "identity": [statements]},
 * {@code "resource": [statements]}, {@code "boundary"}, {@code "session"} (statement lists, one
 * policy each), {@code "scp"} / {@code "rcp"} (lists of levels, each a statement list),
 * {@code "context"}, {@code "unknown"}, {@code "request"} (merged into the request),
 * {@code "flags"}, {@code "version"} (Version of shortcut documents; {@code null} = absent).
 */
class PolicyCasesTest {
  static final ObjectMapper M = new ObjectMapper();
  static final PolicyEngine ENGINE = new PolicyEngine();

  record Case(String file, int index, String rule, JsonNode input, JsonNode spec) {
    @Override
    public String toString() {
      return rule;
    }
  }

  static List<Case> load() throws IOException, URISyntaxException {
    Path dir = Path.of(PolicyCasesTest.class.getResource("/policy-cases").toURI());
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<Case> out = new ArrayList<>();
    for (Path f : files) {
      JsonNode root = M.readTree(f.toFile());
      JsonNode defaults = root.path("defaults");
      JsonNode cases = root.get("cases");
      for (int i = 0; i < cases.size(); i++) {
        JsonNode c = cases.get(i);
        out.add(new Case(f.getFileName().toString(), i, c.get("rule").asText(), expand(defaults, c), c));
      }
    }
    return out;
  }

  static Stream<Arguments> cases() throws Exception {
    return load().stream().map(c -> Arguments.of(c));
  }

  static ObjectNode doc(JsonNode statements, JsonNode spec, JsonNode defaults) {
    ObjectNode d = M.createObjectNode();
    JsonNode v = spec.has("version") ? spec.get("version") : defaults.has("version") ? defaults.get("version") : M.getNodeFactory().textNode("2012-10-17");
    if (!v.isNull()) {
      d.set("Version", v);
    }
    d.set("Statement", statements);
    return d;
  }

  static ObjectNode named(String name, JsonNode statements, JsonNode spec, JsonNode defaults) {
    ObjectNode p = M.createObjectNode();
    p.put("name", name);
    p.set("document", doc(statements, spec, defaults));
    return p;
  }

  static JsonNode pick(JsonNode spec, JsonNode defaults, String key) {
    return spec.has(key) ? spec.get(key) : defaults.get(key);
  }

  static JsonNode expand(JsonNode defaults, JsonNode spec) {
    ObjectNode in = M.createObjectNode();
    JsonNode dIn = defaults.path("input");
    if (dIn.isObject()) {
      in.setAll((ObjectNode) dIn.deepCopy());
    }
    ObjectNode req = in.has("request") ? (ObjectNode) in.get("request") : in.putObject("request");
    JsonNode sIn = spec.path("input");
    if (sIn.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = sIn.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("request")) {
          req.setAll((ObjectNode) e.getValue().deepCopy());
        } else {
          in.set(e.getKey(), e.getValue().deepCopy());
        }
      }
    }
    if (spec.has("request")) {
      req.setAll((ObjectNode) spec.get("request").deepCopy());
    }
    JsonNode ctx = pick(spec, defaults, "context");
    if (ctx != null) {
      req.set("context", ctx.deepCopy());
    }
    JsonNode unknown = pick(spec, defaults, "unknown");
    if (unknown != null) {
      req.set("unknownKeys", unknown.deepCopy());
    }
    JsonNode id = pick(spec, defaults, "identity");
    if (id != null) {
      in.putArray("identityPolicies").add(named("identity", id, spec, defaults));
    }
    JsonNode res = pick(spec, defaults, "resource");
    if (res != null) {
      in.set("resourcePolicy", named("resource", res, spec, defaults));
    }
    JsonNode b = pick(spec, defaults, "boundary");
    if (b != null) {
      in.set("permissionsBoundary", named("boundary", b, spec, defaults));
    }
    JsonNode s = pick(spec, defaults, "session");
    if (s != null) {
      in.set("sessionPolicy", named("session", s, spec, defaults));
    }
    for (String k : List.of("scp", "rcp")) {
      JsonNode lv = pick(spec, defaults, k);
      if (lv != null) {
        ArrayNode levels = in.putArray(k + "s");
        for (int i = 0; i < lv.size(); i++) {
          levels.addArray().add(named(k + "-level-" + (i + 1), lv.get(i), spec, defaults));
        }
      }
    }
    JsonNode flags = pick(spec, defaults, "flags");
    if (flags != null) {
      in.set("flags", flags.deepCopy());
    }
    return in;
  }

  static EvaluationResult run(Case c) throws Exception {
    SimulateInput.Case sc = SimulateInput.parseCase(c.input(), c.file(), c.index(), 0);
    return ENGINE.evaluate(sc.request(), sc.policies());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rule(Case c) throws Exception {
    EvaluationResult r = run(c);
    String where = c.file() + " case " + c.index() + " [" + c.rule() + "]\n" + TraceText.render(r);
    assertThat(r.decision().json()).as(where).isEqualTo(c.spec().get("expect").asText());
    JsonNode en = c.spec().get("expectNode");
    if (en != null) {
      List<JsonNode> expectations = new ArrayList<>();
      if (en.isArray()) {
        en.forEach(expectations::add);
      } else {
        expectations.add(en);
      }
      for (JsonNode e : expectations) {
        TraceNode n = r.trace().find(e.get("id").asText());
        assertThat(n).as(where + "\nnode " + e.get("id")).isNotNull();
        if (e.has("outcome")) {
          assertThat(n.outcome().json()).as(where + "\nnode " + n.id()).isEqualTo(e.get("outcome").asText());
        }
        if (e.has("label")) {
          assertThat(n.label()).as(where).contains(e.get("label").asText());
        }
        JsonNode detail = e.get("detail");
        if (detail != null) {
          JsonNode actual = ResultJson.toJson(n).get("detail");
          for (Iterator<Map.Entry<String, JsonNode>> it = detail.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            assertThat(actual.get(d.getKey())).as(where + "\nnode " + n.id() + " detail " + d.getKey()).isEqualTo(d.getValue());
          }
        }
      }
    }
    JsonNode deps = c.spec().get("expectDependsOn");
    if (deps != null) {
      List<String> want = new ArrayList<>();
      deps.forEach(d -> want.add(d.asText()));
      assertThat(r.dependsOn()).as(where).containsExactlyElementsOf(want);
    }
    JsonNode ex = c.spec().get("expectExplanation");
    if (ex != null) {
      assertThat(r.explanation()).as(where).contains(ex.asText());
    }
  }

  @Test
  void theSuiteHasAtLeastThreeHundredNamedRules() throws Exception {
    List<Case> all = load();
    assertThat(all).hasSizeGreaterThanOrEqualTo(300);
    assertThat(all).allSatisfy(c -> assertThat(c.rule()).isNotBlank());
  }
}
