package io.github.trailbench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "findings", mixinStandardHelpOptions = true, description = "Run detections over a case and list findings.")
public final class FindingsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new BadInputException("'findings' is not available in this build yet (issue #10)");
  }
}
