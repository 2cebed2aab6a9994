package io.github.trailbench.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.query.Field;
import io.github.trailbench.core.query.FilterParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HelpTopicTest {
  private static final Path SAMPLE = Path.of("/home/analyst/.trailbench/cases/sample");

  @Test
  void theFilterHelpNamesEveryFieldAndAliasAndItsExamplesParse() throws Exception {
    String text = HelpTopic.FILTERS.text(SAMPLE);
    for (Field f : Field.values()) {
      assertThat(text).contains(f.key());
      f.aliases().forEach(a -> assertThat(text).contains(a));
    }
    for (String example : text.lines().filter(l -> l.startsWith("  ")).map(l -> l.replaceAll(" {3,}\\(.*$", "").strip()).toList()) {
      FilterParser.parse(example);
    }
  }

  @Test
  void whereCasesLiveSaysWhereTheSampleCaseIsWritten() {
    assertThat(HelpTopic.CASES.text(SAMPLE)).contains("/home/analyst/.trailbench/cases/sample", "case.mv.db", "columns.cache");
  }

  @Test
  void theShortcutsIncludeTheTimelineKeys() {
    assertThat(HelpTopic.SHORTCUTS.text(SAMPLE)).contains("F8 or n", "Ctrl+Shift+I", "Ctrl+L");
  }
}
