package io.github.trailbench.cli;

import io.github.trailbench.core.model.SafeText;
import io.github.trailbench.store.CaseKnownAddresses;
import io.github.trailbench.store.CaseStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "addresses", mixinStandardHelpOptions = true,
    description = {"Addresses and CIDR ranges the analyst knows (office, CI runners), kept in the case with a note.",
        "Detections that judge a new address, country or network treat calls from them as known;"
            + " findings with such calls name them. Run `findings` again after a change."},
    subcommands = {AddressesCommand.Add.class, AddressesCommand.ListAddresses.class, AddressesCommand.Remove.class})
public final class AddressesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--case", required = true, description = "Case directory.")
  Path caseDir;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command: add, list or remove");
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "List an address (198.51.100.23) or range (198.51.100.0/24, 2001:db8::/32) as known; again: replaces its note.")
  static final class Add implements Callable<Integer> {
    @ParentCommand AddressesCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ADDRESS", description = "IPv4 or IPv6 address or CIDR range.")
    String address;

    @Option(names = "--note", defaultValue = "", description = "Why it is known (office, CI runner …).")
    String note;

    @Override
    public Integer call() {
      CaseArgs.requireExistingCase(parent.caseDir);
      CaseKnownAddresses.Listed l;
      try (CaseStore store = CaseStore.open(parent.caseDir)) {
        l = CaseKnownAddresses.add(store, address, note);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(e.getMessage());
      }
      spec.commandLine().getOut().println("known: " + SafeText.escape(l.range() + (l.note().isEmpty() ? "" : " (" + l.note() + ")")));
      spec.commandLine().getOut().flush();
      return TrailbenchCommand.EXIT_OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the known addresses with their notes.")
  static final class ListAddresses implements Callable<Integer> {
    @ParentCommand AddressesCommand parent;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      CaseArgs.requireExistingCase(parent.caseDir);
      List<CaseKnownAddresses.Listed> list;
      try (CaseStore store = CaseStore.open(parent.caseDir)) {
        list = CaseKnownAddresses.list(store);
      }
      PrintWriter out = SafeOut.over(spec.commandLine().getOut());
      if (list.isEmpty()) {
        out.println("no known addresses in this case (add one with: trailbench addresses --case DIR add 198.51.100.0/24 --note office)");
      }
      for (CaseKnownAddresses.Listed l : list) {
        out.printf("%-20s %s%n", l.range(), SafeText.escape(l.note()));
      }
      out.flush();
      return TrailbenchCommand.EXIT_OK;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Take an address or range off the list.")
  static final class Remove implements Callable<Integer> {
    @ParentCommand AddressesCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ADDRESS", description = "As listed.")
    String address;

    @Override
    public Integer call() {
      CaseArgs.requireExistingCase(parent.caseDir);
      boolean removed;
      try (CaseStore store = CaseStore.open(parent.caseDir)) {
        removed = CaseKnownAddresses.remove(store, address);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(e.getMessage());
      }
      if (!removed) {
        throw new BadInputException("'" + address + "' is not a known address of this case");
      }
      spec.commandLine().getOut().println("removed " + SafeText.escape(address.strip()));
      spec.commandLine().getOut().flush();
      return TrailbenchCommand.EXIT_OK;
    }
  }
}
