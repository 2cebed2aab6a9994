package io.github.trailbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The product version, filled in by the build. */
public final class Version {
  private Version() {}

  public static String current() {
    return properties().getProperty("version", "unknown");
  }

  /**
   * The version and the time it was built: what derived data kept in a case (the principal graph)
   * is stamped with, so that a newer build does not read what an older one computed.
   */
  public static String build() {
    Properties p = properties();
    return p.getProperty("version", "unknown") + " built " + p.getProperty("built", "unknown");
  }

  private static Properties properties() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
