package io.github.trailbench.store;

import io.github.trailbench.core.cloudtrail.SourceFiles;
import io.github.trailbench.core.model.SourceProblem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the paths given to an import into the files to read. Folders are walked recursively
 * (entries whose name starts with {@code .} are left out; symbolic links to folders are not
 * followed, as {@link Files#walk} does not). A folder that cannot be listed, and a path that is
 * neither a file nor a folder, become a rejected entry; a file that is plainly not evidence by
 * its extension ({@link SourceFiles#notEvidenceExtension}) becomes a skipped one. Neither stops
 * the walk.
 */
final class SourceWalk {
  /** Lists the entries of one folder; the seam a test uses to make one folder unreadable. */
  @FunctionalInterface
  interface FolderLister {
    List<Path> list(Path folder) throws IOException;
  }

  static final FolderLister FILE_SYSTEM = folder -> {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(folder)) {
      s.forEach(out::add);
    }
    return out;
  };

  /** The files to read, sorted, and the entries left out with why. */
  record Result(List<Path> files, List<FileOutcome> leftOut) {}

  private SourceWalk() {}

  static Result walk(List<Path> inputs, FolderLister lister) {
    List<FileOutcome> leftOut = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (Path in : inputs) {
      if (Files.isDirectory(in)) {
        List<Path> found = new ArrayList<>();
        folder(in, lister, found, leftOut);
        found.sort(null);
        for (Path f : found) {
          String ext = SourceFiles.notEvidenceExtension(f);
          if (ext == null) {
            files.add(f);
          } else {
            leftOut.add(skipped(f.toString(), "not evidence by its extension (." + ext + "): skipped"));
          }
        }
      } else if (Files.isRegularFile(in)) {
        // a file named on its own is read whatever its name: the analyst asked for it
        files.add(in);
      } else {
        leftOut.add(rejected(in.toString(), Files.exists(in) ? "not a regular file" : "no such file or directory"));
      }
    }
    return new Result(files, leftOut);
  }

  private static void folder(Path dir, FolderLister lister, List<Path> files, List<FileOutcome> leftOut) {
    List<Path> entries;
    try {
      entries = lister.list(dir);
    } catch (IOException | RuntimeException e) {
      leftOut.add(rejected(dir.toString(), "cannot list folder: " + reason(e)));
      return;
    }
    for (Path p : entries) {
      if (p.getFileName().toString().startsWith(".")) {
        continue;
      }
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        folder(p, lister, files, leftOut);
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      }
    }
  }

  private static String reason(Exception e) {
    Throwable t = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
    if (t instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (t instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static FileOutcome skipped(String file, String note) {
    return new FileOutcome(file, null, FileOutcome.Status.SKIPPED, 0, 0, 0, 0,
        List.of(new SourceProblem(file, "whole file", note)), note);
  }

  private static FileOutcome rejected(String file, String reason) {
    return new FileOutcome(file, null, FileOutcome.Status.REJECTED, 0, 0, 0, 0,
        List.of(new SourceProblem(file, "", reason)), null);
  }
}
