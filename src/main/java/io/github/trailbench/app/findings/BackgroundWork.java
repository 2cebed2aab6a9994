package io.github.trailbench.app.findings;

import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.StringProperty;

/**
 * Runs a view model's job off the FX thread: says what it does, marks it running, and on the FX
 * thread runs what the job hands back, or shows why it failed.
 */
final class BackgroundWork {
  /** The work; returns what to do on the FX thread with its result. */
  interface Job {
    Runnable call() throws Exception;
  }

  private final Executor background;
  private final Executor ui;
  private final BooleanProperty running;
  private final StringProperty message;
  private final BiFunction<String, Exception, String> failure;

  /** @param failure the message for a failed job, from what it was doing and the exception */
  BackgroundWork(Executor background, Executor ui, BooleanProperty running, StringProperty message,
      BiFunction<String, Exception, String> failure) {
    this.background = background;
    this.ui = ui;
    this.running = running;
    this.message = message;
    this.failure = failure;
  }

  void run(String what, Job job) {
    message.set(what);
    running.set(true);
    background.execute(() -> {
      try {
        Runnable then = job.call();
        ui.execute(() -> {
          running.set(false);
          then.run();
        });
      } catch (Exception e) {
        ui.execute(() -> {
          running.set(false);
          message.set(failure.apply(what, e));
        });
      }
    });
  }
}
