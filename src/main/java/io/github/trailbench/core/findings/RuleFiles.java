package io.github.trailbench.core.findings;

import io.github.trailbench.core.model.SourceProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The rule files an analyst brings: Sigma rules ({@code .yml}, {@code .yaml}), rule packs of
 * this format ({@code .json}), or folders holding them (searched recursively, in path order).
 * Every file is tried: the rules that load form one pack, and each file that does not load is
 * named with its position and reason, so one bad file never hides the others.
 */
public final class RuleFiles {
  private RuleFiles() {}

  /**
   * What loading gave.
   *
   * @param pack the rules of every file that loaded, in path order (a later rule with the same id
   *     replaces an earlier one)
   * @param problems one per file (or path) that could not be used
   * @param filesRead rule files found and tried
   */
  public record Loaded(RulePack pack, List<SourceProblem> problems, int filesRead) {
    public Loaded {
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Loads every path in order; never throws for bad content, only reports it. */
  public static Loaded load(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    List<SourceProblem> problems = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          List<Path> found = s.filter(Files::isRegularFile).filter(RuleFiles::isRuleFile).sorted().toList();
          if (found.isEmpty()) {
            problems.add(new SourceProblem(p.toString(), null, "no rule files (*.yml, *.yaml, *.json) in this folder"));
          }
          files.addAll(found);
        } catch (IOException e) {
          problems.add(new SourceProblem(p.toString(), null, "cannot read folder: " + e.getMessage()));
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        problems.add(new SourceProblem(p.toString(), null, "no such file or folder"));
      }
    }
    RulePack pack = new RulePack("", List.of());
    for (Path f : files) {
      try {
        pack = pack.plus(loadFile(f));
      } catch (RulePackException e) {
        problems.add(e.problem());
      } catch (IOException e) {
        problems.add(new SourceProblem(f.toString(), null, "cannot read: " + e.getMessage()));
      }
    }
    return new Loaded(pack, problems, files.size());
  }

  /** One file: a JSON pack when it is named {@code *.json} or starts with '{', else a Sigma rule. */
  public static RulePack loadFile(Path f) throws IOException, RulePackException {
    String text = Files.readString(f, StandardCharsets.UTF_8);
    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json") || (!name.endsWith(".yml") && !name.endsWith(".yaml") && text.stripLeading().startsWith("{"))) {
      return RulePack.parse(text, f.toString());
    }
    return SigmaImport.parse(text, f.toString());
  }

  private static boolean isRuleFile(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yml") || n.endsWith(".yaml") || n.endsWith(".json");
  }
}
