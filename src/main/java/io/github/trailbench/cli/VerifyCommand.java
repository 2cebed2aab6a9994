package io.github.trailbench.cli;

import io.github.trailbench.core.query.Expr;
import io.github.trailbench.store.CaseDamagedException;
import io.github.trailbench.store.CaseStore;
import io.github.trailbench.store.EventQueries;
import io.github.trailbench.store.LedgerEntry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check a case: the import ledger against the stored events, terms and raw records, the"
        + " database against what the case recorded in case.manifest, and every event's raw record.",
        "Leftovers of an import that was killed are dropped and reported (every opening does that).",
        "Exit 0 when the case is whole, 1 when it is damaged (one line saying what disagrees)."})
public final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--case", required = true, description = "Case directory.")
  Path caseDir;

  @Option(names = "--accept-loss", description = {"Accept a database that holds less than the case recorded (truncated, or"
      + " restored from an older copy): what it holds becomes the case's record. Damage inside the database is"
      + " still refused."})
  boolean acceptLoss;

  @Override
  public Integer call() {
    CaseArgs.requireExistingCase(caseDir);
    PrintWriter out = spec.commandLine().getOut();
    try (CaseStore store = acceptLoss ? CaseStore.openAcceptingLoss(caseDir) : CaseStore.open(caseDir)) {
      store.openNotes().forEach(out::println);
      EventQueries q = store.queries();
      long files = q.ledger().size();
      long added = q.ledger().stream().mapToLong(LedgerEntry::added).sum();
      AtomicLong events = new AtomicLong();
      AtomicLong unreadable = new AtomicLong();
      q.scan(new Expr.All(), EventQueries.Sort.TIME_ASC, 0, Long.MAX_VALUE, r -> {
        events.incrementAndGet();
        if (q.rawJson(r.rowId()).isEmpty()) {
          unreadable.incrementAndGet();
        }
      });
      if (events.get() != added) {
        throw new BadInputException("case damaged: the case lists " + events.get() + " events, its import ledger added " + added);
      }
      if (unreadable.get() > 0) {
        throw new BadInputException("case damaged: the raw record of " + unreadable.get() + " of " + events.get()
            + " events cannot be read");
      }
      out.printf("%s: whole: %,d events from %,d files; ledger, event blocks, terms, raw records and case.manifest agree%n",
          caseDir, events.get(), files);
      return TrailbenchCommand.EXIT_OK;
    } catch (CaseDamagedException e) {
      throw new BadInputException(e.getMessage());
    }
  }
}
