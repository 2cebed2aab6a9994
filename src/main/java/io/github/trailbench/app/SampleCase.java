package io.github.trailbench.app;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where the bundled sample case's files are, and where its case store lives. */
final class SampleCase {
  private SampleCase() {}

  /** The folder of sample exports ({@code samples/case}). */
  static Optional<Path> locate() {
    List<Path> candidates = new ArrayList<>();
    String property = System.getProperty("trailbench.samples");
    if (property != null) {
      candidates.add(Path.of(property).resolve("case"));
    }
    candidates.add(Path.of("samples", "case"));
    try {
      Path jar = Path.of(SampleCase.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path dir = jar.getParent();
      for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
        candidates.add(dir.resolve("samples").resolve("case"));
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // no code source location: only the working directory is searched
    }
    return candidates.stream().filter(Files::isDirectory).map(Path::toAbsolutePath).map(Path::normalize).findFirst();
  }

  /** The case directory the sample is imported into (idempotently) on first open. */
  static Path caseDirectory() {
    String home = System.getProperty("trailbench.home");
    Path base = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".trailbench");
    return base.resolve("cases").resolve("sample");
  }
}
