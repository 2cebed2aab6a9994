package io.github.trailbench.core.findings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A named, ordered set of rules. Load the built-in pack with {@link #builtIn()}, a user's file
 * or folder of {@code *.json} files with {@link #load(Path)}, and combine them with
 * {@link #plus(RulePack)} (a later rule with the same id replaces the earlier one, so users can
 * tune a built-in rule by copying it).
 */
public record RulePack(String name, List<Rule> rules) {
  /** Classpath location of the built-in rule files. */
  public static final String BUILT_IN_RESOURCE = "/io/github/trailbench/core/findings/rules/builtin.json";

  public RulePack {
    name = name == null ? "" : name;
    rules = List.copyOf(rules);
  }

  private static volatile RulePack builtIn;
  private static volatile String builtInVersion;

  /**
   * Raised by hand when detection code changes what the same rules find (a runner, the
   * escalation or hygiene checks); the rule file's own changes are caught by its hash.
   */
  static final int DETECTION_CODE_VERSION = 2;

  /**
   * The built-in detections' version: {@code <code version>.<8 hex of SHA-256 of builtin.json>}.
   * Stored with a case's findings, so findings of an older version can be told apart.
   */
  public static String builtInVersion() {
    String v = builtInVersion;
    if (v == null) {
      try (InputStream in = RulePack.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("built-in rule pack missing: " + BUILT_IN_RESOURCE);
        }
        byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
        v = DETECTION_CODE_VERSION + "." + java.util.HexFormat.of().formatHex(d, 0, 4);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      builtInVersion = v;
    }
    return v;
  }

  /** The rules that ship with Trailbench (docs/detections.md documents each). */
  public static RulePack builtIn() {
    RulePack p = builtIn;
    if (p == null) {
      try (InputStream in = RulePack.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("built-in rule pack missing: " + BUILT_IN_RESOURCE);
        }
        p = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "builtin.json");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (RulePackException e) {
        throw new IllegalStateException("built-in rule pack is invalid: " + e.getMessage(), e);
      }
      builtIn = p;
    }
    return p;
  }

  /** Parses one rule file's text; {@code sourceName} names it in error messages. */
  public static RulePack parse(String json, String sourceName) throws RulePackException {
    return new RuleParser(sourceName).parse(json);
  }

  /** Loads a rule file, or every {@code *.json} file of a folder in name order. */
  public static RulePack load(Path path) throws IOException, RulePackException {
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> s = Files.list(path)) {
        files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
      }
      RulePack out = new RulePack(path.getFileName().toString(), List.of());
      for (Path f : files) {
        out = out.plus(load(f));
      }
      return out;
    }
    return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
  }

  /** This pack's rules followed by {@code other}'s; same id: {@code other}'s rule wins in place. */
  public RulePack plus(RulePack other) {
    Map<String, Rule> byId = new LinkedHashMap<>();
    rules.forEach(r -> byId.put(r.id(), r));
    other.rules.forEach(r -> byId.put(r.id(), r));
    return new RulePack(name.isEmpty() ? other.name : name + " + " + other.name, new ArrayList<>(byId.values()));
  }

  /** This pack's rules as belonging to the case's rule pack {@code packName} (their findings name it). */
  public RulePack named(String packName) {
    return new RulePack(packName, rules.stream().map(r -> r.withPack(packName)).toList());
  }

  /** Only the rules with these ids. */
  public RulePack only(String... ids) {
    Set<String> keep = Set.of(ids);
    return new RulePack(name, rules.stream().filter(r -> keep.contains(r.id())).toList());
  }

  /** Without the rules with these ids. */
  public RulePack without(String... ids) {
    Set<String> drop = Set.of(ids);
    return new RulePack(name, rules.stream().filter(r -> !drop.contains(r.id())).toList());
  }

  public Optional<Rule> rule(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
