package io.github.trailbench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "report", mixinStandardHelpOptions = true, description = "Export a case's findings as PDF or CSV.")
public final class ReportCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new BadInputException("'report' is not available in this build yet (issue #10)");
  }
}
