package io.github.trailbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CliTest {
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = TrailbenchCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void helpListsEveryCommandOfTheDesign() {
    Run r = run("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("import", "events", "explain", "simulate", "findings", "report");
  }

  @Test
  void versionPrintsTheProductVersion() {
    Run r = run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("trailbench ").doesNotContain("unknown");
  }

  @Test
  void unknownCommandIsAUsageError() {
    Run r = run("frobnicate");
    assertThat(r.exit()).isEqualTo(TrailbenchCommand.EXIT_USAGE);
    assertThat(r.err()).contains("frobnicate");
  }

  /**
   * Help text is printed paragraph by paragraph (picocli starts a new line for each element of a
   * description): a paragraph that ends mid-sentence reads as a cut-off help.
   */
  @Test
  void everyHelpParagraphIsWholeSentences() {
    picocli.CommandLine root = TrailbenchCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    java.util.List<String> broken = new java.util.ArrayList<>();
    java.util.List<picocli.CommandLine> commands = new java.util.ArrayList<>(root.getSubcommands().values());
    commands.removeIf(c -> c.getCommandName().equals("help")); // picocli's own
    commands.add(root);
    for (picocli.CommandLine c : commands) {
      java.util.List<String[]> texts = new java.util.ArrayList<>();
      texts.add(c.getCommandSpec().usageMessage().description());
      c.getCommandSpec().options().stream().filter(o -> o.description().length > 1).forEach(o -> texts.add(o.description()));
      for (String[] text : texts) {
        for (String paragraph : text) {
          if (!paragraph.strip().matches("(?s).*[.)!?]")) {
            broken.add(c.getCommandName() + ": " + paragraph);
          }
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void noHelpPointsToADocumentOutsideTheRepository() {
    picocli.CommandLine root = TrailbenchCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    for (picocli.CommandLine c : root.getSubcommands().values()) {
      assertThat(c.getUsageMessage()).as(c.getCommandName()).doesNotContain("DESIGN.md");
    }
    assertThat(root.getUsageMessage()).doesNotContain("DESIGN.md");
  }
}
