package io.github.trailbench.slice;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lists the files of a CloudTrail tree on any Hadoop file system, skipping the folders a
 * {@link FolderScope} rules out without listing them. Folders are recognised by their place
 * in the layout {@code AWSLogs/[o-…/]<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>}; a folder
 * outside it is walked whole. Hidden entries ({@code .…}, {@code _…}) are skipped, as the
 * desktop import skips them. Digest folders hold no events and are skipped.
 */
final class TrailTree {
  /** What a folder is in the layout. */
  enum Role { OTHER, AWS_LOGS, ORGANIZATION, ACCOUNT, SERVICE, REGION, YEAR, MONTH, DAY }

  /** The files to read, and how many folders were listed and how many were pruned unlisted. */
  record Listing(List<String> files, int foldersListed, int foldersPruned) {
    Listing {
      files = List.copyOf(files);
    }
  }

  private final FileSystem fs;
  private final FolderScope scope;
  private final List<String> files = new ArrayList<>();
  private int listed;
  private int pruned;

  private TrailTree(FileSystem fs, FolderScope scope) {
    this.fs = fs;
    this.scope = scope;
  }

  static Listing list(FileSystem fs, Path root, FolderScope scope) throws IOException {
    TrailTree t = new TrailTree(fs, scope);
    FileStatus st;
    try {
      st = fs.getFileStatus(root);
    } catch (FileNotFoundException e) {
      throw new FileNotFoundException(root + ": no such file or folder");
    }
    if (!st.isDirectory()) {
      t.files.add(st.getPath().toString());
      return new Listing(t.files, 0, 0);
    }
    // the input itself may sit inside the layout (e.g. AWSLogs/o-…/111122223333)
    Role role = Role.OTHER;
    int[] ymd = new int[3];
    List<String> segments = new ArrayList<>();
    for (Path p = st.getPath(); p != null && !p.getName().isEmpty(); p = p.getParent()) {
      segments.add(0, p.getName());
    }
    for (String s : segments) {
      role = t.child(role, s, ymd);
      if (role == null) {
        return new Listing(List.of(), 0, 1);
      }
    }
    t.walk(st.getPath(), role, ymd);
    return new Listing(t.files, t.listed, t.pruned);
  }

  private void walk(Path dir, Role role, int[] ymd) throws IOException {
    listed++;
    FileStatus[] entries = fs.listStatus(dir);
    java.util.Arrays.sort(entries);
    for (FileStatus e : entries) {
      String name = e.getPath().getName();
      if (name.startsWith(".") || name.startsWith("_")) {
        continue;
      }
      if (!e.isDirectory()) {
        files.add(e.getPath().toString());
        continue;
      }
      int[] childYmd = ymd.clone();
      Role r = child(role, name, childYmd);
      if (r == null) {
        pruned++;
      } else {
        walk(e.getPath(), r, childYmd);
      }
    }
  }

  /** The role of folder {@code name} under a folder of role {@code parent}; null when pruned. */
  private Role child(Role parent, String name, int[] ymd) {
    switch (parent) {
      case OTHER -> {
        return name.equals("AWSLogs") ? Role.AWS_LOGS : Role.OTHER;
      }
      case AWS_LOGS, ORGANIZATION -> {
        if (parent == Role.AWS_LOGS && name.matches("o-[a-z0-9]{10,32}")) {
          return Role.ORGANIZATION;
        }
        if (name.matches("\\d{12}")) {
          return scope.account(name) ? Role.ACCOUNT : null;
        }
        return Role.OTHER;
      }
      case ACCOUNT -> {
        if (name.equals("CloudTrail-Digest")) {
          return null;
        }
        return name.equals("CloudTrail") ? Role.SERVICE : Role.OTHER;
      }
      case SERVICE -> {
        return scope.region(name) ? Role.REGION : null;
      }
      case REGION, YEAR, MONTH -> {
        int width = parent == Role.REGION ? 4 : 2;
        if (name.length() != width || !name.chars().allMatch(Character::isDigit)) {
          return Role.OTHER;
        }
        int v = Integer.parseInt(name);
        if (parent == Role.REGION) {
          ymd[0] = v;
          return scope.period(v, 0) ? Role.YEAR : null;
        }
        if (parent == Role.YEAR) {
          if (v < 1 || v > 12) {
            return Role.OTHER;
          }
          ymd[1] = v;
          return scope.period(ymd[0], v) ? Role.MONTH : null;
        }
        try {
          return scope.day(LocalDate.of(ymd[0], ymd[1], v)) ? Role.DAY : null;
        } catch (DateTimeException e) {
          return Role.OTHER;
        }
      }
      default -> {
        return Role.OTHER;
      }
    }
  }
}
