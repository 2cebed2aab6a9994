package io.github.trailbench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Evaluate requests given as JSON against the given policies.")
public final class SimulateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new BadInputException("'simulate' is not available in this build yet (issue #6)");
  }
}
