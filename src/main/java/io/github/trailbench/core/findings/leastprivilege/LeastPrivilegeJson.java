package io.github.trailbench.core.findings.leastprivilege;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON rendering of a {@link LeastPrivilegeResult} ({@code trailbench least-privilege --format json}):
 * {@code principal, principalKind, window{first,last,events,principalEvents}, counts{granted,used,unused,denied},
 * granted[{action,service,resources,conditional,scp}], used[{action,service,count,lastUsed,resources,
 * resourcesComplete,dataEvent}], unusedByService{service:[actions]}, denied[…as used], notDeniable{call:count},
 * policy{…the document…}, caveats[{kind,message,items}], accessAdvisor[{service,status,label,lastAuthenticated,
 * reportedAt,trailFirstUse,trailLastUse,kept}]}.
 */
public final class LeastPrivilegeJson {
  private LeastPrivilegeJson() {}

  public static ObjectNode tree(LeastPrivilegeResult r) {
    ObjectNode o = MinimalPolicy.MAPPER.createObjectNode();
    o.put("principal", r.principal());
    o.put("principalKind", r.principalKind());
    ObjectNode w = o.putObject("window");
    w.put("first", r.window().first() == null ? null : r.window().first().toString());
    w.put("last", r.window().last() == null ? null : r.window().last().toString());
    w.put("events", r.window().events());
    w.put("principalEvents", r.window().principalEvents());
    ObjectNode counts = o.putObject("counts");
    counts.put("granted", r.granted().size());
    counts.put("used", r.used().size());
    counts.put("unused", r.unusedCount());
    counts.put("denied", r.denied().size());
    ArrayNode granted = o.putArray("granted");
    for (GrantedAction g : r.granted()) {
      ObjectNode x = granted.addObject();
      x.put("action", g.action());
      x.put("service", g.service());
      strings(x.putArray("resources"), g.resources());
      x.put("conditional", g.conditional());
      x.put("scp", g.scp().name());
    }
    used(o.putArray("used"), r.used());
    ObjectNode unused = o.putObject("unusedByService");
    r.unusedByService().forEach((s, actions) -> strings(unused.putArray(s), actions));
    used(o.putArray("denied"), r.denied());
    ObjectNode nd = o.putObject("notDeniable");
    r.notDeniable().forEach(nd::put);
    o.set("policy", MinimalPolicy.document(r.policy().statements()));
    ArrayNode caveats = o.putArray("caveats");
    for (Caveat c : r.caveats()) {
      ObjectNode x = caveats.addObject();
      x.put("kind", c.kind().name());
      x.put("message", c.message());
      strings(x.putArray("items"), c.items());
    }
    ArrayNode advisor = o.putArray("accessAdvisor");
    for (AdvisorService a : r.accessAdvisor()) {
      ObjectNode x = advisor.addObject();
      x.put("service", a.service());
      x.put("status", a.status().name());
      x.put("label", a.label());
      x.put("lastAuthenticated", a.lastAuthenticated().map(Object::toString).orElse(null));
      x.put("reportedAt", a.reportedAt().toString());
      x.put("trailFirstUse", a.trailFirstUse().map(Object::toString).orElse(null));
      x.put("trailLastUse", a.trailLastUse().map(Object::toString).orElse(null));
      strings(x.putArray("kept"), a.kept());
    }
    return o;
  }

  /** Pretty-printed. */
  public static String render(LeastPrivilegeResult r) {
    try {
      return MinimalPolicy.MAPPER.writeValueAsString(tree(r)).replace("\r\n", "\n");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void used(ArrayNode into, List<UsedAction> list) {
    for (UsedAction u : list) {
      ObjectNode x = into.addObject();
      x.put("action", u.action());
      x.put("service", u.service());
      x.put("count", u.count());
      x.put("lastUsed", u.lastUsed() == null ? null : u.lastUsed().toString());
      strings(x.putArray("resources"), u.resources());
      x.put("resourcesComplete", u.resourcesComplete());
      x.put("dataEvent", u.dataEvent());
    }
  }

  private static void strings(ArrayNode into, List<String> values) {
    values.forEach(into::add);
  }
}
