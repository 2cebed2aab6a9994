package io.github.trailbench.core.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.model.iam.IamSource;
import io.github.trailbench.core.model.iam.IamSourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test fixtures under src/test/resources/iam and assertions on reader errors. */
final class IamFixtures {
  private IamFixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = IamFixtures.class.getResourceAsStream("/iam/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  static <T extends IamSource> T read(IamSourceKind kind, String name) throws SourceFormatException {
    return (T) IamSources.read(kind, name, bytes(name));
  }

  /** Reads {@code content} as {@code kind} and expects it refused; returns the problem for further checks. */
  static SourceProblem refused(IamSourceKind kind, String file, String content) {
    return refused(kind, file, content.getBytes(StandardCharsets.UTF_8));
  }

  static SourceProblem refused(IamSourceKind kind, String file, byte[] content) {
    SourceFormatException e = catchThrowableOfType(SourceFormatException.class, () -> IamSources.read(kind, file, content));
    assertThat(e).as("expected %s to be refused", file).isNotNull();
    assertThat(e.problem().file()).isEqualTo(file);
    assertThat(e.getMessage()).contains(file).contains(e.problem().position()).contains(e.problem().reason());
    return e.problem();
  }
}
