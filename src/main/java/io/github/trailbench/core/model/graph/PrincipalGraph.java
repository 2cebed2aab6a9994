package io.github.trailbench.core.model.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Who can become whom, and who did: the principal graph and its path queries. */
public record PrincipalGraph(List<GraphNode> nodes, List<GraphEdge> edges) {

  public PrincipalGraph {
    Map<String, GraphNode> unique = new LinkedHashMap<>();
    nodes.forEach(n -> unique.putIfAbsent(n.id(), n));
    nodes = List.copyOf(unique.values());
    Map<String, GraphEdge> uniqueEdges = new LinkedHashMap<>();
    for (GraphEdge e : edges) {
      if (!unique.containsKey(e.from()) || !unique.containsKey(e.to())) {
        throw new IllegalArgumentException("edge " + e.id() + " names a node not in the graph");
      }
      uniqueEdges.putIfAbsent(e.id(), e);
    }
    edges = List.copyOf(uniqueEdges.values());
  }

  public static final PrincipalGraph EMPTY = new PrincipalGraph(List.of(), List.of());

  public Optional<GraphNode> node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
  }

  /** A path of access, as the edges travelled in order. */
  public record Path(List<GraphEdge> edges) {
    public Path {
      edges = List.copyOf(edges);
    }

    public String describe() {
      if (edges.isEmpty()) {
        return "";
      }
      StringBuilder sb = new StringBuilder(edges.get(0).from());
      edges.forEach(e -> sb.append(" —").append(e.kind().label()).append("→ ").append(e.to()));
      return sb.toString();
    }
  }

  /** Shortest access paths from {@code from} to every node it can reach, shortest first. */
  public List<Path> reachableFrom(String from) {
    return bfs(from, true);
  }

  /** Shortest access paths to {@code to} from every node that can reach it, shortest first. */
  public List<Path> reaching(String to) {
    return bfs(to, false);
  }

  private List<Path> bfs(String start, boolean forward) {
    Map<String, List<GraphEdge>> adjacency = new HashMap<>();
    for (GraphEdge e : edges) {
      if (e.kind().grantsAccess()) {
        adjacency.computeIfAbsent(forward ? e.from() : e.to(), k -> new ArrayList<>()).add(e);
      }
    }
    Map<String, GraphEdge> via = new LinkedHashMap<>();
    Set<String> seen = new LinkedHashSet<>(List.of(start));
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      String at = queue.removeFirst();
      for (GraphEdge e : adjacency.getOrDefault(at, List.of())) {
        String next = forward ? e.to() : e.from();
        if (seen.add(next)) {
          via.put(next, e);
          queue.addLast(next);
        }
      }
    }
    List<Path> paths = new ArrayList<>();
    for (String end : via.keySet()) {
      List<GraphEdge> path = new ArrayList<>();
      for (String at = end; !at.equals(start); ) {
        GraphEdge e = via.get(at);
        path.add(e);
        at = forward ? e.from() : e.to();
      }
      if (forward) {
        Collections.reverse(path);
      }
      paths.add(new Path(path));
    }
    return paths;
  }

  /** The nodes within {@code depth} edges of {@code center}, in either direction. */
  public Set<String> neighbourhood(String center, int depth) {
    Set<String> seen = new LinkedHashSet<>(List.of(center));
    List<String> frontier = List.of(center);
    for (int d = 0; d < depth; d++) {
      List<String> next = new ArrayList<>();
      for (GraphEdge e : edges) {
        if (frontier.contains(e.from()) && seen.add(e.to())) {
          next.add(e.to());
        }
        if (frontier.contains(e.to()) && seen.add(e.from())) {
          next.add(e.from());
        }
      }
      frontier = next;
    }
    return seen;
  }
}
