package io.github.trailbench.core.findings.leastprivilege;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the minimal policy for a set of used actions: per service, one statement for the actions
 * that need {@code Resource "*"} and one per distinct set of narrowed resource ARNs.
 */
final class MinimalPolicy {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MinimalPolicy() {}

  static GeneratedPolicy of(List<UsedAction> used) {
    return of(used, List.of());
  }

  /**
   * The minimal policy for the used actions, plus the granted actions Access Advisor shows in use
   * ({@code kept}): per service one statement per distinct set of the grant's own resource
   * patterns, with Sid {@code AccessAdvisor<Service>} so the reason stays in the document.
   */
  static GeneratedPolicy of(List<UsedAction> used, List<GrantedAction> kept) {
    Map<String, Map<List<String>, List<String>>> keptByService = new TreeMap<>();
    for (GrantedAction g : kept) {
      keptByService.computeIfAbsent(g.service(), k -> new LinkedHashMap<>())
          .computeIfAbsent(g.resources(), k -> new ArrayList<>()).add(g.action());
    }
    Map<String, Map<List<String>, List<String>>> byService = new TreeMap<>();
    for (UsedAction u : used) {
      byService.computeIfAbsent(u.service(), k -> new LinkedHashMap<>())
          .computeIfAbsent(LeastPrivilege.narrow(u), k -> new ArrayList<>()).add(u.action());
    }
    List<GeneratedPolicy.PolicyStatement> statements = new ArrayList<>();
    for (Map.Entry<String, Map<List<String>, List<String>>> s : byService.entrySet()) {
      String base = sidOf(s.getKey());
      // the Resource "*" statement first, then narrowed ones in the order first used
      List<Map.Entry<List<String>, List<String>>> groups = new ArrayList<>(s.getValue().entrySet());
      groups.sort((a, b) -> Boolean.compare(!a.getKey().equals(List.of("*")), !b.getKey().equals(List.of("*"))));
      int n = 0;
      for (Map.Entry<List<String>, List<String>> g : groups) {
        n++;
        List<String> actions = g.getValue().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
        statements.add(new GeneratedPolicy.PolicyStatement(groups.size() == 1 ? base : base + n, s.getKey(), actions,
            g.getKey()));
      }
      addKept(statements, s.getKey(), keptByService.remove(s.getKey()));
    }
    keptByService.forEach((service, groups) -> addKept(statements, service, groups));
    statements.sort(java.util.Comparator.comparing(GeneratedPolicy.PolicyStatement::service));
    return new GeneratedPolicy(statements, json(statements));
  }

  private static void addKept(List<GeneratedPolicy.PolicyStatement> statements, String service,
      Map<List<String>, List<String>> groups) {
    if (groups == null) {
      return;
    }
    String base = "AccessAdvisor" + sidOf(service).substring("Used".length());
    int n = 0;
    for (Map.Entry<List<String>, List<String>> g : groups.entrySet()) {
      n++;
      statements.add(new GeneratedPolicy.PolicyStatement(groups.size() == 1 ? base : base + n, service,
          g.getValue().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), g.getKey()));
    }
  }

  private static String sidOf(String service) {
    StringBuilder sb = new StringBuilder("Used");
    boolean upper = true;
    for (char c : service.toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    return sb.toString();
  }

  static ObjectNode document(List<GeneratedPolicy.PolicyStatement> statements) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("Version", "2012-10-17");
    ArrayNode list = doc.putArray("Statement");
    for (GeneratedPolicy.PolicyStatement st : statements) {
      ObjectNode o = list.addObject();
      o.put("Sid", st.sid());
      o.put("Effect", "Allow");
      ArrayNode a = o.putArray("Action");
      st.actions().forEach(a::add);
      if (st.resources().size() == 1) {
        o.put("Resource", st.resources().get(0));
      } else {
        ArrayNode r = o.putArray("Resource");
        st.resources().forEach(r::add);
      }
    }
    return doc;
  }

  private static String json(List<GeneratedPolicy.PolicyStatement> statements) {
    try {
      return MAPPER.writeValueAsString(document(statements)).replace("\r\n", "\n");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

}
