import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Builds Trailbench's installers: a jlink'd runtime, a jpackage app-image and the platform's
 * installer (.deb, .dmg or .msi). Run by {@code ./mvnw -Ppackage package} (see docs/installers.md)
 * as a single-file program, so it needs nothing but the JDK that runs Maven:
 *
 * <pre>
 *   java jpackage/Installers.java --version=0.1.0-SNAPSHOT --app-jar=target/trailbench-0.1.0-SNAPSHOT.jar \
 *        --deps=target/jpackage/deps --out=target/jpackage [--installer=true|false] [--modules=a,b]
 *        [--app-version=1.2.3] [--release=17]
 * </pre>
 *
 * <p>The runtime holds the JDK modules that jdeps finds in the app and its libraries (plus
 * jpackage/modules-extra.txt) and the JavaFX modules, linked from the OpenJFX modular jars of
 * Maven Central; JavaFX's native libraries are copied beside the JDK's own, where JavaFX looks
 * first. The app and its other libraries run on the class path. Everything fixed about the
 * packages is in the argument files jpackage/app-image.args and jpackage/OS/*.args; this
 * program adds only what is computed (paths, version).
 */
public final class Installers {
  private static final String MAIN_JAR = "trailbench.jar";

  private final Map<String, String> options;
  private final Os os = Os.current();

  private Installers(Map<String, String> options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      Matcher m = Pattern.compile("--([a-z-]+)=(.*)", Pattern.DOTALL).matcher(arg);
      if (!m.matches()) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      options.put(m.group(1), m.group(2).trim());
    }
    try {
      new Installers(options).run();
    } catch (BuildFailure e) {
      System.err.println("[installers] ERROR: " + e.getMessage());
      System.exit(1);
    }
  }

  private void run() throws IOException {
    long started = System.nanoTime();
    String version = required("version");
    String appVersion = Optional.ofNullable(options.get("app-version")).filter(s -> !s.isBlank())
        .orElseGet(() -> numericVersion(version));
    if (os == Os.MACOS && appVersion.startsWith("0")) {
      throw new BuildFailure("jpackage on macOS refuses an app-version whose first number is 0 (" + appVersion
          + ", CFBundleVersion); pass one for the bundle, e.g. -Djpackage.appVersion=1.0.0 (the app's own --version"
          + " still reports " + version + "). See docs/installers.md.");
    }
    Path appJar = Path.of(required("app-jar"));
    Path deps = Path.of(required("deps"));
    Path out = Path.of(required("out"));
    boolean installer = Boolean.parseBoolean(options.getOrDefault("installer", "true"));
    int release = Integer.parseInt(options.getOrDefault("release", "17"));

    ToolProvider jdeps = tool("jdeps");
    ToolProvider jlink = tool("jlink");
    ToolProvider jpackage = tool("jpackage");
    log("JDK " + System.getProperty("java.home") + " (" + Runtime.version() + "), " + os + ", app version " + appVersion);

    // 1. Sort the dependencies: OpenJFX modular jars (module path) and the rest (class path).
    List<Path> fxModules = new ArrayList<>();
    List<Path> classPath = new ArrayList<>();
    try (Stream<Path> jars = Files.list(deps)) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        Optional<ModuleDescriptor> module = descriptor(jar);
        boolean javafx = module.map(d -> d.name().startsWith("javafx.")).orElse(false);
        if (javafx && !module.get().isAutomatic()) {
          fxModules.add(jar);
        } else if (!javafx) {
          classPath.add(jar);
        } // else: OpenJFX's empty placeholder jar (no classifier); its platform jar is the module
      }
    }
    if (fxModules.isEmpty()) {
      throw new BuildFailure("no OpenJFX platform jars in " + deps + " (expected e.g. javafx-graphics-*-" + os.javafxClassifier + ".jar)");
    }
    TreeSet<String> fxNames = fxModules.stream().map(j -> descriptor(j).orElseThrow().name())
        .collect(Collectors.toCollection(TreeSet::new));

    // 2. Which JDK modules: jdeps over the app and every library, unless given.
    TreeSet<String> modules = new TreeSet<>();
    String given = options.getOrDefault("modules", "");
    if (!given.isBlank()) {
      modules.addAll(Arrays.asList(given.split("\\s*,\\s*")));
      log("modules given: " + modules);
    } else {
      List<String> args = new ArrayList<>(List.of("--multi-release", String.valueOf(release),
          "--ignore-missing-deps", "--print-module-deps",
          "--module-path", join(fxModules)));
      args.add(appJar.toString());
      classPath.forEach(p -> args.add(p.toString()));
      String printed = runCapturing(jdeps, args).strip();
      String last = printed.lines().reduce((a, b) -> b).orElse("");
      modules.addAll(Arrays.asList(last.split(",")));
      log("jdeps: " + last);
    }
    modules.removeIf(m -> m.isBlank() || m.startsWith("javafx."));
    modules.addAll(extraModules());
    modules.addAll(fxNames);

    // 3. jlink the runtime.
    Path runtime = out.resolve("runtime");
    deleteRecursively(runtime);
    Files.createDirectories(out);
    List<String> link = new ArrayList<>(List.of(
        "--module-path", join(fxModules),
        "--add-modules", String.join(",", modules),
        "--strip-debug", "--no-header-files", "--no-man-pages", "--strip-native-commands",
        "--compress", Runtime.version().feature() >= 21 ? "zip-6" : "2",
        // JavaFX's natives go beside the JDK's (step 4), not inside lib/modules.
        "--exclude-resources", "regex:/javafx\\.[a-z]+/[^/]+\\.(so|dylib|dll|sha1)",
        "--output", runtime.toString()));
    run(jlink, link);
    int copied = copyJavafxNatives(fxModules, runtime.resolve(os.nativeDir));
    log("runtime: " + modules.size() + " modules, " + copied + " JavaFX native libraries -> " + runtime
        + " (" + mib(size(runtime)) + ")");

    // 4. The app-image: the app jar and its libraries on the class path, plus the sample case.
    Path input = out.resolve("input");
    deleteRecursively(input);
    Files.createDirectories(input);
    Files.copy(appJar, input.resolve(MAIN_JAR));
    for (Path jar : classPath) {
      Files.copy(jar, input.resolve(jar.getFileName()));
    }
    Path samples = Path.of("samples");
    if (Files.isDirectory(samples.resolve("case"))) {
      copyRecursively(samples, input.resolve("samples"));
      log("sample case bundled from " + samples.toAbsolutePath());
    }
    Path images = out.resolve("image");
    deleteRecursively(images);
    List<String> image = new ArrayList<>(List.of(
        "@jpackage/common.args", "@jpackage/app-image.args", "@jpackage/" + os.dir + "/app-image.args",
        "--type", "app-image",
        "--app-version", appVersion,
        "--input", input.toString(),
        "--main-jar", MAIN_JAR,
        "--runtime-image", runtime.toString(),
        "--dest", images.toString()));
    run(jpackage, image);
    Path appImage = images.resolve(os.appImageName);
    log("app-image: " + appImage + " (" + mib(size(appImage)) + ")");

    // 5. The platform's installer, from that app-image.
    if (installer) {
      os.checkInstallerTools();
      Path installers = out.resolve("installer");
      deleteRecursively(installers);
      run(jpackage, List.of(
          "@jpackage/common.args", "@jpackage/installer.args", "@jpackage/" + os.dir + "/installer.args",
          "--app-version", appVersion,
          "--app-image", appImage.toString(),
          "--dest", installers.toString()));
      try (Stream<Path> built = Files.list(installers)) {
        for (Path p : built.toList()) {
          log("installer: " + p + " (" + mib(Files.size(p)) + ")");
        }
      }
    } else {
      log("installer skipped (-Djpackage.installer=false)");
    }
    log(String.format(Locale.ROOT, "done in %.1f s", (System.nanoTime() - started) / 1e9));
  }

  /** jpackage wants numbers only: 0.1.0-SNAPSHOT becomes 0.1.0. */
  static String numericVersion(String version) {
    Matcher m = Pattern.compile("^(\\d+(?:\\.\\d+){0,3})").matcher(version);
    if (!m.find()) {
      throw new BuildFailure("cannot make a numeric version of '" + version + "'; pass -Djpackage.appVersion=1.2.3");
    }
    return m.group(1);
  }

  private static List<String> extraModules() throws IOException {
    Path file = Path.of("jpackage", "modules-extra.txt");
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readAllLines(file).stream().map(l -> l.replaceAll("#.*", "").strip())
        .filter(l -> !l.isEmpty()).toList();
  }

  private static Optional<ModuleDescriptor> descriptor(Path jar) {
    try {
      return ModuleFinder.of(jar).findAll().stream().findFirst().map(ModuleReference::descriptor);
    } catch (FindException e) {
      return Optional.empty();
    }
  }

  private static int copyJavafxNatives(List<Path> fxJars, Path target) throws IOException {
    Files.createDirectories(target);
    int count = 0;
    for (Path jar : fxJars) {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        for (ZipEntry e : zip.stream().toList()) {
          String name = e.getName();
          if (!name.contains("/") && name.matches(".+\\.(so|dylib|dll)")) {
            try (InputStream in = zip.getInputStream(e)) {
              Files.copy(in, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            count++;
          }
        }
      }
    }
    return count;
  }

  private static ToolProvider tool(String name) {
    return ToolProvider.findFirst(name).orElseThrow(() -> new BuildFailure(
        name + " is not in the JDK running Maven (" + System.getProperty("java.home")
            + "); use a full JDK 17 or later (set JAVA_HOME)"));
  }

  private static void run(ToolProvider tool, List<String> args) {
    log(tool.name() + " " + String.join(" ", args));
    int rc = tool.run(System.out, System.err, args.toArray(String[]::new));
    if (rc != 0) {
      throw new BuildFailure(tool.name() + " failed with exit code " + rc);
    }
  }

  private static String runCapturing(ToolProvider tool, List<String> args) {
    log(tool.name() + " " + String.join(" ", args.subList(0, Math.min(args.size(), 7))) + " … (" + args.size() + " arguments)");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int rc = tool.run(capture, System.err, args.toArray(String[]::new));
    String text = bytes.toString(StandardCharsets.UTF_8);
    if (rc != 0) {
      System.err.print(text);
      throw new BuildFailure(tool.name() + " failed with exit code " + rc);
    }
    return text;
  }

  private String required(String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new BuildFailure("missing --" + name + "=…");
    }
    return value;
  }

  private static String join(List<Path> paths) {
    return paths.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static void copyRecursively(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void log(String message) {
    System.out.println("[installers] " + message);
  }

  /** What differs between the three platforms. */
  private enum Os {
    LINUX("linux", "linux", "lib", "Trailbench"),
    MACOS("macos", "mac", "lib", "Trailbench.app"),
    WINDOWS("windows", "win", "bin", "Trailbench");

    final String dir;
    final String javafxClassifier;
    final String nativeDir;
    final String appImageName;

    Os(String dir, String javafxClassifier, String nativeDir, String appImageName) {
      this.dir = dir;
      this.javafxClassifier = javafxClassifier;
      this.nativeDir = nativeDir;
      this.appImageName = appImageName;
    }

    static Os current() {
      String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
      return name.contains("win") ? WINDOWS : name.contains("mac") ? MACOS : LINUX;
    }

    void checkInstallerTools() {
      List<String> needed = switch (this) {
        case LINUX -> List.of("dpkg-deb", "fakeroot");
        case WINDOWS -> List.of("candle.exe", "light.exe");
        case MACOS -> List.of();
      };
      List<String> missing = needed.stream().filter(t -> !onPath(t)).toList();
      if (!missing.isEmpty()) {
        throw new BuildFailure("the " + this + " installer needs " + String.join(" and ", missing)
            + " on PATH (see docs/installers.md), or build only the app-image with -Djpackage.installer=false");
      }
    }

    private static boolean onPath(String tool) {
      return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
          .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
    }

    @Override
    public String toString() {
      return dir;
    }
  }

  private static final class BuildFailure extends RuntimeException {
    BuildFailure(String message) {
      super(message);
    }
  }
}
