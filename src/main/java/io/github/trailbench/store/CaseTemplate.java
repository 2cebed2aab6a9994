package io.github.trailbench.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The database of a new, empty case, made by the build ({@link #main}, run by Maven after
 * compiling) by applying every migration, and copied into a new case instead of migrating it
 * from nothing: creating a case costs a file copy instead of Flyway's start and every migration
 * (1.5–2 s of CPU on a cold JVM). A case made from it is at the current schema version, so
 * opening it runs no migration; without the resource (a build that skipped the step) or with an
 * older one, {@link CaseStore} migrates as before (docs/case-store.md).
 */
final class CaseTemplate {
  static final String RESOURCE = "case-template.mv.db";

  private CaseTemplate() {}

  /** Writes the template to {@code db} (whole or not at all); false when the jar has none. */
  /** The name the template is copied under before it is moved into place as the case's database. */
  static Path partialCopy(Path db) {
    return db.resolveSibling(db.getFileName() + ".template");
  }

  static boolean copyTo(Path db) {
    Path tmp = partialCopy(db);
    try (InputStream in = CaseTemplate.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return false;
      }
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        c.force(true);
      }
      Files.move(tmp, db, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the case is then migrated from nothing, as without a template
      }
      return false;
    }
  }

  /** {@code CaseTemplate OUTPUT_DIR}: makes the template into the class-path folder OUTPUT_DIR. */
  public static void main(String[] args) throws IOException, java.sql.SQLException {
    Path target = Path.of(args[0]).resolve(CaseTemplate.class.getPackageName().replace('.', '/')).resolve(RESOURCE);
    Path dir = Files.createTempDirectory("trailbench-case-template");
    try {
      try (CaseStore store = CaseStore.openByMigrations(dir)) {
        try (var c = store.connection(); var st = c.createStatement()) {
          st.execute("CHECKPOINT SYNC");
        }
      }
      Files.createDirectories(target.getParent());
      Files.copy(dir.resolve(CaseStore.DB_NAME + ".mv.db"), target, StandardCopyOption.REPLACE_EXISTING);
      System.out.println("case template: " + target + " (" + Files.size(target) / 1024 + " KiB, schema " + CaseStore.SCHEMA_VERSION + ")");
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
