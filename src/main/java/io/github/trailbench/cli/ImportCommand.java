package io.github.trailbench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "import", mixinStandardHelpOptions = true, description = "Import CloudTrail exports, credential reports, IAM data and policies into a case.")
public final class ImportCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new BadInputException("'import' is not available in this build yet (issue #4)");
  }
}
