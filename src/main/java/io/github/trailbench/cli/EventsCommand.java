package io.github.trailbench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "events", mixinStandardHelpOptions = true, description = "List the events of a case, filtered.")
public final class EventsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new BadInputException("'events' is not available in this build yet (issue #4)");
  }
}
