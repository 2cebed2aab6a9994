package io.github.trailbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.shell.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kordamp.ikonli.javafx.IkonResolver;

/** An unknown icon literal fails only when its view is built; find them all up front. */
class IconsTest {
  private static final Pattern LITERAL = Pattern.compile("\"(mdi2[a-z]-[a-z0-9-]+)\"");

  @Test
  void everyIconLiteralInTheSourcesExistsInThePack() throws IOException {
    Set<String> literals = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = LITERAL.matcher(Files.readString(f));
        while (m.find()) {
          literals.add(m.group(1));
        }
      }
    }
    for (Section s : Section.values()) {
      literals.add(s.iconLiteral());
    }
    assertThat(literals).hasSizeGreaterThan(20);
    List<String> unknown = new ArrayList<>();
    for (String literal : literals) {
      try {
        IkonResolver.getInstance().resolve(literal).resolve(literal);
      } catch (RuntimeException e) {
        unknown.add(literal);
      }
    }
    assertThat(unknown).as("icon literals the Material Design 2 pack does not have").isEmpty();
  }
}
