package io.github.trailbench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "explain", mixinStandardHelpOptions = true, description = "Explain the policy decision behind a logged request.")
public final class ExplainCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new BadInputException("'explain' is not available in this build yet (issue #6)");
  }
}
