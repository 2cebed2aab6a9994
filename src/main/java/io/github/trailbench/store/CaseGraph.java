package io.github.trailbench.store;

import io.github.trailbench.core.correlate.PrincipalGraphBuilder;
import io.github.trailbench.core.enrich.IpInfo;
import io.github.trailbench.core.enrich.IpKind;
import io.github.trailbench.core.enrich.TriState;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import io.github.trailbench.core.query.Expr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The principal graph of a case, as the app and the CLI both open it (kept in the case, {@link CaseGraphCache}). */
public final class CaseGraph {
  private CaseGraph() {}

  /** The case's graph: IAM data, every event, and the address notes of the case's enrichment. */
  public static PrincipalGraph load(CaseStore store, IamSnapshot iam) throws Exception {
    Map<String, String> notes = new HashMap<>();
    for (IpInfo i : CaseIpInfo.all(store)) {
      notes.put(i.input(), addressNote(i));
    }
    // built from every event's columns and correlation facts (no raw records), alike events a group at a time;
    // kept in the case until it changes
    return CaseGraphCache.getOrBuild(store, "ip notes " + Integer.toHexString(notes.hashCode()), () -> {
      PrincipalGraphBuilder builder = new PrincipalGraphBuilder(iam).describeAddressesWith(notes::get);
      CaseEvents.forEachCorrelatedAlike(store, new Expr.All(), builder, problem -> {});
      return builder.build();
    });
  }

  /** An address as the case's enrichment describes it: country and network, or what kind of address it is; AWS, Tor. */
  public static String addressNote(IpInfo i) {
    List<String> parts = new ArrayList<>();
    switch (i.kind()) {
      case AWS_SERVICE_NAME -> parts.add("AWS service calling on the principal's behalf");
      case PRIVATE, RESERVED -> parts.add(i.rangeLabel() == null ? i.kind().name().toLowerCase() : i.rangeLabel());
      case INVALID -> parts.add("not an IP address");
      default -> {
        parts.add(i.countryCode() == null ? "country unknown" : i.countryCode());
        parts.add(i.asLabel() == null ? "AS unknown" : i.asLabel());
      }
    }
    if (i.awsOwned() && i.kind() != IpKind.AWS_SERVICE_NAME) {
      parts.add("AWS" + (i.awsService() == null ? "" : " " + i.awsService()) + (i.awsRegion() == null ? "" : " " + i.awsRegion()));
    }
    if (i.tor() == TriState.YES) {
      parts.add("Tor exit");
    }
    return String.join(" · ", parts);
  }
}
