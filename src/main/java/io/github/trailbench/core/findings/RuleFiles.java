package io.github.trailbench.core.findings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.trailbench.core.model.SourceProblem;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rule files an analyst brings: Sigma rules ({@code .yml}, {@code .yaml}), rule packs of
 * this format ({@code .json}), or folders holding them (searched recursively, in path order).
 * Every file is tried: the rules that load form one pack, and each file that does not load is
 * named with its position and reason, so one bad file never hides the others.
 *
 * <p>{@link #read} takes a path's rule files into memory (what a case keeps, so it stands alone
 * when the source is gone) and {@link #parse} loads rules from such files.
 */
public final class RuleFiles {
  /** Largest rule file a case keeps. */
  public static final long MAX_FILE_BYTES = 1L << 20;
  /** Most rule-file text a case keeps per pack (SigmaHQ's whole CloudTrail folder is about 150 KB). */
  public static final long MAX_PACK_BYTES = 8L << 20;
  /** Most rule files per pack. */
  public static final int MAX_FILES = 5000;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private RuleFiles() {}

  /**
   * One rule file's text.
   *
   * @param path where it was: relative to the folder for a folder's files, else the file name
   */
  public record RuleFile(String path, String text) {}

  /** What a path given as a rule source is. */
  public enum Kind {
    SIGMA_FILE("sigma-file"),
    JSON_PACK("json-pack"),
    FOLDER("folder");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static Kind parse(String code) {
      for (Kind k : values()) {
        if (k.code.equals(code)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown rule source kind '" + code + "'");
    }
  }

  /**
   * The rule files of a path, read into memory.
   *
   * @param licence the licence found with them: the Sigma rules' {@code license} values, else the
   *     first line of a LICENSE/LICENCE file beside them (or up to three folders above); null when
   *     none was found
   */
  public record Source(Kind kind, List<RuleFile> files, String licence) {
    public Source {
      files = List.copyOf(files);
    }
  }

  /**
   * Reads a rule file or a folder of them, for keeping in a case. A RulePackException names the
   * path and the reason when it cannot be kept (missing, unreadable, no rule files, not UTF-8,
   * beyond {@link #MAX_FILE_BYTES}, {@link #MAX_PACK_BYTES} or {@link #MAX_FILES}).
   */
  public static Source read(Path path) throws RulePackException {
    List<Path> found;
    Kind kind;
    if (Files.isDirectory(path)) {
      kind = Kind.FOLDER;
      try (Stream<Path> s = Files.walk(path)) {
        found = s.filter(Files::isRegularFile).filter(RuleFiles::isRuleFile).sorted().toList();
      } catch (IOException | java.io.UncheckedIOException e) {
        throw problem(path, "cannot read folder: " + e.getMessage());
      }
      if (found.isEmpty()) {
        throw problem(path, "no rule files (*.yml, *.yaml, *.json) in this folder");
      }
    } else if (Files.isRegularFile(path)) {
      found = List.of(path);
      kind = isJson(path, null) ? Kind.JSON_PACK : Kind.SIGMA_FILE;
    } else {
      throw problem(path, "no such file or folder");
    }
    if (found.size() > MAX_FILES) {
      throw problem(path, found.size() + " rule files, more than the " + MAX_FILES + " a case keeps per pack");
    }
    long total = 0;
    List<RuleFile> files = new ArrayList<>();
    for (Path f : found) {
      long size;
      byte[] bytes;
      try {
        size = Files.size(f);
        if (size > MAX_FILE_BYTES) {
          throw problem(f, String.format(Locale.ROOT, "%,d bytes, more than the %,d a case keeps per rule file", size,
              MAX_FILE_BYTES));
        }
        total += size;
        if (total > MAX_PACK_BYTES) {
          throw problem(path, String.format(Locale.ROOT, "more than %,d bytes of rule files, more than a case keeps per pack",
              MAX_PACK_BYTES));
        }
        bytes = Files.readAllBytes(f);
      } catch (IOException e) {
        throw problem(f, "cannot read: " + e.getMessage());
      }
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        throw problem(f, "not UTF-8 text");
      }
      String rel = kind == Kind.FOLDER ? path.relativize(f).toString().replace('\\', '/') : f.getFileName().toString();
      files.add(new RuleFile(rel, text));
    }
    String licence = sigmaLicences(files);
    return new Source(kind, files, licence != null ? licence : licenceFile(kind == Kind.FOLDER ? path : path.toAbsolutePath().getParent()));
  }

  /**
   * Loads rules from files in memory; {@code source} prefixes their paths in problems. Never
   * throws for bad content, only reports it.
   */
  public static Loaded parse(String source, List<RuleFile> files) {
    RulePack pack = new RulePack("", List.of());
    List<SourceProblem> problems = new ArrayList<>();
    for (RuleFile f : files) {
      String name = source.isEmpty() ? f.path() : source + "/" + f.path();
      try {
        pack = pack.plus(isJson(Path.of(f.path()), f.text()) ? RulePack.parse(f.text(), name) : SigmaImport.parse(f.text(), name));
      } catch (RulePackException e) {
        problems.add(e.problem());
      } catch (java.nio.file.InvalidPathException e) {
        problems.add(new SourceProblem(name, null, "not a usable file name"));
      }
    }
    return new Loaded(pack, problems, files.size());
  }

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
    if (isJson(f, text)) {
      return RulePack.parse(text, f.toString());
    }
    return SigmaImport.parse(text, f.toString());
  }

  private static boolean isJson(Path f, String text) {
    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return true;
    }
    if (name.endsWith(".yml") || name.endsWith(".yaml")) {
      return false;
    }
    if (text == null) {
      try {
        text = Files.readString(f, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return false; // read() reports it
      }
    }
    return text.stripLeading().startsWith("{");
  }

  private static boolean isRuleFile(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yml") || n.endsWith(".yaml") || n.endsWith(".json");
  }

  /** The distinct {@code license} values of the Sigma files, joined; null when none has one. */
  private static String sigmaLicences(List<RuleFile> files) {
    Set<String> found = new LinkedHashSet<>();
    for (RuleFile f : files) {
      String n = f.path().toLowerCase(Locale.ROOT);
      if (!n.endsWith(".yml") && !n.endsWith(".yaml")) {
        continue;
      }
      try {
        JsonNode y = YAML.readTree(f.text());
        String l = y == null ? "" : y.path("license").asText("").strip();
        if (!l.isEmpty()) {
          found.add(l);
        }
      } catch (IOException e) {
        // a file that does not parse is reported by parse(); it names no licence
      }
    }
    if (found.isEmpty()) {
      return null;
    }
    String joined = String.join(", ", found);
    return joined.length() > 300 ? joined.substring(0, 300) + "…" : joined;
  }

  /**
   * {@code FILE: first line} of a LICENSE or LICENCE file (any extension) in the folder or up to
   * three folders above it; null when there is none.
   */
  static String licenceFile(Path folder) {
    Path dir = folder;
    for (int up = 0; dir != null && up <= 3; up++, dir = dir.getParent()) {
      try (Stream<Path> s = Files.list(dir)) {
        List<Path> licences = s.filter(Files::isRegularFile)
            .filter(p -> p.getFileName().toString().toUpperCase(Locale.ROOT).matches("LICEN[CS]E.*")).sorted().toList();
        for (Path p : licences) {
          String first;
          try (Stream<String> lines = Files.lines(p, StandardCharsets.UTF_8)) {
            first = lines.map(l -> l.replaceAll("^[#\\s]+", "").strip()).filter(l -> !l.isEmpty()).findFirst().orElse("");
          } catch (IOException | java.io.UncheckedIOException e) {
            first = "";
          }
          if (first.length() > 200) {
            first = first.substring(0, 200) + "…";
          }
          return p.getFileName() + (first.isEmpty() ? "" : ": " + first);
        }
      } catch (IOException e) {
        return null;
      }
    }
    return null;
  }

  private static RulePackException problem(Path p, String reason) {
    return new RulePackException(new SourceProblem(p.toString(), null, reason));
  }

}
