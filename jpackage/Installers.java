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
 *        [--app-version=1.2.3] [--release=17] [--cds=true|false]
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
        // no --strip-native-commands: bin/java (a few KiB) makes the class-data archive (step 4b)
        "--strip-debug", "--no-header-files", "--no-man-pages",
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
    if (Boolean.parseBoolean(options.getOrDefault("cds", "true"))) {
      classDataArchive(appImage, out.resolve("training"));
    } else {
      log("class-data archive skipped (-Djpackage.cds=false)");
    }
    log("app-image: " + appImage + " (" + mib(size(appImage)) + ")");

    // 5. The platform's installer, from that app-image.
    if (installer) {
      os.checkInstallerTools();
      Path installers = out.resolve("installer");
      deleteRecursively(installers);
      // The archive names the app-image's own paths (JDK 17 checks the class path by path): it
      // would be dead weight installed elsewhere. The package carries the class list instead,
      // and the .deb's postinst makes the archive for the installed paths.
      Path archive = appImage.resolve(os.appDir).resolve(ARCHIVE);
      Path aside = out.resolve(ARCHIVE);
      boolean moved = Files.exists(archive);
      if (moved) {
        Files.move(archive, aside, StandardCopyOption.REPLACE_EXISTING);
      }
      try {
        run(jpackage, List.of(
            "@jpackage/common.args", "@jpackage/installer.args", "@jpackage/" + os.dir + "/installer.args",
            "--app-version", appVersion,
            "--app-image", appImage.toString(),
            "--dest", installers.toString()));
      } finally {
        if (moved) {
          Files.move(aside, archive, StandardCopyOption.REPLACE_EXISTING);
        }
      }
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

  /**
   * The app-image's class-data-sharing archive, {@value #ARCHIVE} beside the jars, which the
   * launcher maps ({@code --java-options} in jpackage/app-image.args): a training run with the
   * image's own runtime and class path (io.github.trailbench.StartupTraining: CLI commands on
   * the bundled sample, the window under xvfb-run where it exists) lists the classes it loads,
   * and the runtime dumps them with {@code -Xshare:dump}. A static archive, because the linked
   * runtime has no JDK archive for a dynamic one to extend. JDK 17 checks the class path by
   * its absolute path, so the archive serves the app-image where it was made (an installed copy
   * elsewhere starts without it, silently).
   */
  private void classDataArchive(Path appImage, Path work) throws IOException {
    long started = System.nanoTime();
    Path appDir = appImage.resolve(os.appDir).toAbsolutePath();
    Path java = appImage.resolve(os.runtimeHome).resolve(os == Os.WINDOWS ? "bin/java.exe" : "bin/java").toAbsolutePath();
    Path samples = appDir.resolve("samples");
    if (!Files.isExecutable(java) || !Files.isDirectory(samples.resolve("case"))) {
      log("class-data archive skipped: " + (Files.isExecutable(java) ? "no sample case in " + samples : "no " + java));
      return;
    }
    String classPath = launcherClassPath(appDir);
    deleteRecursively(work);
    Files.createDirectories(work);
    Path classList = work.resolve("classes.lst");
    List<String> training = new ArrayList<>();
    boolean window = os == Os.LINUX && onPath("xvfb-run");
    if (window) {
      training.addAll(List.of("xvfb-run", "-a"));
    }
    training.addAll(List.of(java.toString(), "-XX:DumpLoadedClassList=" + classList, "-cp", classPath,
        "io.github.trailbench.StartupTraining", samples.toString(), work.resolve("run").toString()));
    if (window) {
      training.add("--window");
    }
    exec(training, work.resolve("training.log"));
    int dropped = withoutSignedJarClasses(classList, classPath);
    if (dropped > 0) {
      log("class list: " + dropped + " entries of signed jars left out (the JVM cannot archive them)");
    }
    Path archive = appDir.resolve(ARCHIVE);
    exec(List.of(java.toString(), "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
        "-XX:SharedArchiveFile=" + archive, "-cp", classPath), work.resolve("dump.log"));
    // the launcher's own check: a JVM that cannot map the archive refuses to start with -Xshare:on
    exec(List.of(java.toString(), "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-cp", classPath,
        "io.github.trailbench.Launcher", "--version"), work.resolve("check.log"));
    // the list stays in the image: the .deb's postinst makes the archive again for the installed paths
    Files.copy(classList, appDir.resolve(CLASS_LIST), StandardCopyOption.REPLACE_EXISTING);
    long classes;
    try (Stream<String> lines = Files.lines(classList)) {
      classes = lines.filter(l -> !l.startsWith("#") && !l.startsWith("@")).count();
    }
    log(String.format(Locale.ROOT, "class-data archive: %s (%s, %d classes; training %s the window) in %.1f s",
        archive, mib(Files.size(archive)), classes, window ? "with" : "without", (System.nanoTime() - started) / 1e9));
    deleteRecursively(work);
  }

  /**
   * Removes from a class list the classes of signed jars and the lambda proxies they host. The
   * JVM skips such classes when it dumps ("Signed JAR"), and JDK 17.0.15 crashed (SIGSEGV in
   * SystemDictionaryShared::adjust_lambda_proxy_class_dictionary) on the lambda proxies of the
   * skipped ELK classes, once the app's window built the principal graph during training.
   * Returns how many lines were removed.
   */
  static int withoutSignedJarClasses(Path classList, String classPath) throws IOException {
    java.util.Set<String> signed = new java.util.HashSet<>();
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      Path jar = Path.of(entry);
      if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
        continue;
      }
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        boolean isSigned = zip.stream().anyMatch(e -> e.getName().startsWith("META-INF/") && e.getName().endsWith(".SF"));
        if (isSigned) {
          zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class"))
              .forEach(n -> signed.add(n.substring(0, n.length() - ".class".length())));
        }
      }
    }
    if (signed.isEmpty()) {
      return 0;
    }
    List<String> kept = new ArrayList<>();
    int dropped = 0;
    for (String line : Files.readAllLines(classList, StandardCharsets.UTF_8)) {
      String[] tokens = line.split(" ", 3);
      String className = line.startsWith("@lambda-proxy ") && tokens.length > 1 ? tokens[1]
          : line.startsWith("#") || line.startsWith("@") ? null : tokens[0];
      if (className != null && signed.contains(className)) {
        dropped++;
      } else {
        kept.add(line);
      }
    }
    Files.write(classList, kept, StandardCharsets.UTF_8);
    return dropped;
  }

  private static final String ARCHIVE = "trailbench.jsa";
  private static final String CLASS_LIST = "trailbench.classlist";

  /** The class path the jpackage launcher gives the JVM: the cfg's app.classpath lines, $APPDIR resolved. */
  private static String launcherClassPath(Path appDir) throws IOException {
    Path cfg;
    try (Stream<Path> s = Files.list(appDir)) {
      cfg = s.filter(p -> p.getFileName().toString().endsWith(".cfg")).findFirst()
          .orElseThrow(() -> new BuildFailure("no launcher .cfg in " + appDir));
    }
    List<String> entries = Files.readAllLines(cfg).stream().filter(l -> l.startsWith("app.classpath="))
        .map(l -> l.substring("app.classpath=".length()).replace("$APPDIR", appDir.toString())).toList();
    if (entries.isEmpty()) {
      throw new BuildFailure("no app.classpath in " + cfg);
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static void exec(List<String> command, Path log) throws IOException {
    log(command.stream().map(a -> a.length() > 200 ? a.substring(0, 60) + "…(" + a.length() + " characters)" : a)
        .collect(Collectors.joining(" ")));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      int rc = p.waitFor();
      if (rc != 0) {
        Files.readAllLines(log).stream().skip(Math.max(0, Files.readAllLines(log).size() - 20)).forEach(System.err::println);
        throw new BuildFailure(command.get(0) + " exited " + rc + " (" + log + ")");
      }
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new BuildFailure("interrupted");
    }
  }

  private static boolean onPath(String tool) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
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
    LINUX("linux", "linux", "lib", "Trailbench", "lib/app", "lib/runtime"),
    MACOS("macos", "mac", "lib", "Trailbench.app", "Contents/app", "Contents/runtime/Contents/Home"),
    WINDOWS("windows", "win", "bin", "Trailbench", "app", "runtime");

    final String dir;
    final String javafxClassifier;
    final String nativeDir;
    final String appImageName;
    /** Inside the app-image: the jars ($APPDIR) and the runtime's home. */
    final String appDir;
    final String runtimeHome;

    Os(String dir, String javafxClassifier, String nativeDir, String appImageName, String appDir, String runtimeHome) {
      this.dir = dir;
      this.javafxClassifier = javafxClassifier;
      this.nativeDir = nativeDir;
      this.appImageName = appImageName;
      this.appDir = appDir;
      this.runtimeHome = runtimeHome;
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
      List<String> missing = needed.stream().filter(t -> !Installers.onPath(t)).toList();
      if (!missing.isEmpty()) {
        throw new BuildFailure("the " + this + " installer needs " + String.join(" and ", missing)
            + " on PATH (see docs/installers.md), or build only the app-image with -Djpackage.installer=false");
      }
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
