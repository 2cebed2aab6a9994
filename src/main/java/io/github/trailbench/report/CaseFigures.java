package io.github.trailbench.report;

import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pictures kept with a case for its findings' evidence (e.g. a decision tree rendered when it
 * was added to a finding), in the case's {@code figures/} folder, one file per reference id.
 * Reports pick them up by the findings' references; a missing file is simply no figure.
 */
public final class CaseFigures {
  private CaseFigures() {}

  /** Where the picture of a reference (by its id) is kept. */
  public static Path fileFor(Path caseDirectory, String referenceId) {
    String readable = referenceId.replaceAll("[^A-Za-z0-9._-]", "_");
    if (readable.length() > 80) {
      readable = readable.substring(0, 80);
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(referenceId.getBytes(StandardCharsets.UTF_8));
      return caseDirectory.resolve("figures").resolve(readable + "-" + HexFormat.of().formatHex(hash, 0, 6) + ".png");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies a rendered picture into the case for a reference. */
  public static Path keep(Path caseDirectory, String referenceId, Path png) throws IOException {
    Path target = fileFor(caseDirectory, referenceId);
    Files.createDirectories(target.getParent());
    Files.copy(png, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  /** The kept pictures of each finding's references, by finding id (findings without any are absent). */
  public static Map<String, List<Figure>> forFindings(Path caseDirectory, List<Finding> findings) {
    Map<String, List<Figure>> out = new LinkedHashMap<>();
    for (Finding f : findings) {
      List<Figure> figures = new ArrayList<>();
      for (Evidence.Reference r : f.referencesToCase()) {
        Path file = fileFor(caseDirectory, r.id());
        if (Files.isRegularFile(file)) {
          try {
            figures.add(new Figure(r.label(), Files.readAllBytes(file)));
          } catch (IOException e) {
            // an unreadable picture is no figure; the reference stays in the evidence list
          }
        }
      }
      if (!figures.isEmpty()) {
        out.put(f.id(), figures);
      }
    }
    return out;
  }
}
