package io.github.trailbench.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.Version;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The principal graph, kept in the case directory ({@value #FILE}, derived: deleting it is safe).
 * Building it reads every event's columns and correlation facts (5–7 s of CPU in a fresh JVM on a
 * generated 1M-event case, docs/perf-import.md); the kept
 * graph is used while the case's contents, the caller's other inputs and the build of
 * Trailbench that made it are the same. A graph just built is returned before it is written; the
 * case finishes writing it when it closes.
 */
public final class CaseGraphCache {
  static final String FILE = "principal-graph.cache";
  private static final ObjectMapper JSON = new ObjectMapper();

  private CaseGraphCache() {}

  /**
   * The kept graph when its stamp matches, else {@code build}'s, which is then kept.
   *
   * @param inputs what else the graph depends on besides the case's contents (e.g. a digest of
   *     the address notes it shows)
   */
  public static PrincipalGraph getOrBuild(CaseStore store, String inputs, Callable<PrincipalGraph> build) throws Exception {
    String stamp = DerivedFiles.caseStamp(store) + " | " + inputs + " | " + Version.build();
    Path file = store.directory().resolve(FILE);
    PrincipalGraph kept = read(file, stamp);
    if (kept != null) {
      return kept;
    }
    PrincipalGraph graph = build.call();
    // written after the graph is returned (the case waits for it when it closes): the first graph shows sooner
    store.writeInBackground(() -> DerivedFiles.write(file, DerivedFiles.Content.stream(out -> JSON.writer()
        .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .writeValue(out, Map.of("stamp", stamp, "graph", graph)))));
    return graph;
  }

  /** The kept graph, or null when it is absent, stale, damaged or from another format (then built again). */
  private static PrincipalGraph read(Path file, String stamp) {
    return DerivedFiles.read(file, DerivedFiles.Reader.stream(in -> {
      JsonNode root = JSON.readTree(in);
      if (root == null || !stamp.equals(root.path("stamp").asText(null)) || !root.path("graph").isObject()) {
        return null;
      }
      return JSON.treeToValue(root.get("graph"), PrincipalGraph.class);
    }));
  }
}
