package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.Fixtures;
import io.github.trailbench.core.correlate.DefaultEventFacts;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing a real-world folder: notes and scripts next to the logs, folders that cannot be listed. */
class ImportFolderTest {
  @TempDir Path tmp;
  CaseStore store;
  Path in;

  @BeforeEach
  void open() {
    store = CaseStore.open(tmp.resolve("case"));
    in = tmp.resolve("in");
    Fixtures.write(in.resolve("logs/a.json"), Fixtures.records("a", 3));
    Fixtures.write(in.resolve("logs/deep/b.json"), Fixtures.records("b", 2));
  }

  @AfterEach
  void close() {
    store.close();
  }

  ImportReport importWith(SourceWalk.FolderLister lister) {
    return new CaseImporter(store, DefaultEventFacts.deriver(), CaseStore.ImportOptions.defaults(), lister)
        .importPaths(List.of(in), ImportListener.NONE);
  }

  static FileOutcome outcome(ImportReport r, Path file) {
    return r.files().stream().filter(f -> f.path().equals(file.toString())).findFirst().orElseThrow();
  }

  @Test
  void filesPlainlyNotEvidenceByExtensionAreSkippedNotRejected() {
    Path readme = Fixtures.write(in.resolve("README.md"), "# Incident 42\nlogs pulled by Bob\n");
    Path script = Fixtures.write(in.resolve("pull.sh"), "#!/bin/sh\naws s3 sync s3://trail .\n");
    Path ps = Fixtures.write(in.resolve("logs/Get-Logs.PS1"), "Get-Content x");
    Path png = Fixtures.write(in.resolve("screens/console.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
    Path pdf = Fixtures.write(in.resolve("ticket.pdf"), "%PDF-1.7\n");
    Path notes = Fixtures.write(in.resolve("notes.txt"), "see ticket");
    // a name that is not in the list is still decided by content (and rejected here)
    Path unknown = Fixtures.write(in.resolve("logs/c.dat"), "hello");
    ImportReport r = importWith(SourceWalk.FILE_SYSTEM);
    assertThat(r.added()).isEqualTo(5);
    for (Path p : List.of(readme, script, ps, png, pdf, notes)) {
      FileOutcome o = outcome(r, p);
      assertThat(o.status()).as(p.toString()).isEqualTo(FileOutcome.Status.SKIPPED);
      assertThat(o.note()).startsWith("not evidence by its extension (.").endsWith("): skipped");
    }
    assertThat(outcome(r, ps).note()).contains("(.ps1)");
    assertThat(r.filesSkipped()).isEqualTo(6);
    assertThat(outcome(r, unknown).status()).isEqualTo(FileOutcome.Status.REJECTED);
    assertThat(r.filesRejected()).isEqualTo(1);
    assertThat(r.errors()).singleElement().satisfies(p -> assertThat(p.file()).isEqualTo(unknown.toString()));
  }

  @Test
  void aFileNamedOnItsOwnIsDecidedByContentWhateverItsExtension() {
    Path jsonNotes = Fixtures.write(tmp.resolve("export.txt"), Fixtures.records("t", 2));
    ImportReport r = new CaseImporter(store, DefaultEventFacts.deriver(), CaseStore.ImportOptions.defaults())
        .importPaths(List.of(jsonNotes), ImportListener.NONE);
    assertThat(r.added()).isEqualTo(2);
  }

  @Test
  void aSubfolderThatCannotBeListedIsRejectedWithItsPathAndTheRestIsImported() {
    Path locked = in.resolve("logs/deep");
    ImportReport r = importWith(folder -> {
      if (folder.equals(locked)) {
        throw new AccessDeniedException(folder.toString());
      }
      return SourceWalk.FILE_SYSTEM.list(folder);
    });
    assertThat(r.added()).isEqualTo(3);
    FileOutcome o = outcome(r, locked);
    assertThat(o.status()).isEqualTo(FileOutcome.Status.REJECTED);
    assertThat(o.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(locked.toString());
      assertThat(p.reason()).isEqualTo("cannot list folder: permission denied");
    });
  }

  @Test
  void anUnreadableSubfolderOnDiskIsRejectedAndTheRestIsImported() throws Exception {
    Path locked = in.resolve("logs/deep");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try {
      Assumptions.assumeFalse(Files.isReadable(locked), "running as root: chmod 000 does not deny");
      ImportReport r = importWith(SourceWalk.FILE_SYSTEM);
      assertThat(r.added()).isEqualTo(3);
      assertThat(outcome(r, locked).status()).isEqualTo(FileOutcome.Status.REJECTED);
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void hiddenEntriesInsideAFolderAreLeftOut() {
    Fixtures.write(in.resolve(".git/config.json"), Fixtures.records("h", 1));
    Fixtures.write(in.resolve("logs/.DS_Store"), new byte[] {0, 0, 0, 1});
    ImportReport r = importWith(SourceWalk.FILE_SYSTEM);
    assertThat(r.files()).extracting(FileOutcome::path).noneMatch(p -> p.contains("/."));
    assertThat(r.added()).isEqualTo(5);
  }
}
