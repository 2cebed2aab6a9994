package io.github.trailbench.cli;

import io.github.trailbench.core.findings.RulePackException;
import io.github.trailbench.core.model.SafeText;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.store.CaseRulePacks;
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

@Command(name = "rules", mixinStandardHelpOptions = true,
    description = {"Rule packs kept in a case: Sigma rules, folders of rule files and JSON packs that run with the"
        + " built-in rules on every `findings`, `report` and app detection run over the case.",
        "The rule files' text is kept in the case, so it stands alone when the source is gone."},
    subcommands = {RulesCommand.Add.class, RulesCommand.ListPacks.class, RulesCommand.Remove.class,
        RulesCommand.Enable.class, RulesCommand.Disable.class})
public final class RulesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--case", required = true, description = "Case directory.")
  Path caseDir;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command: add, list, remove, enable or disable");
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Keep a Sigma rule (.yml/.yaml), a rule pack (.json) or a folder of them in the case, enabled."
          + " Files that do not load are listed with their reason and kept out of the run; when no rule loads,"
          + " nothing is kept (exit 1).")
  static final class Add implements Callable<Integer> {
    @ParentCommand RulesCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "Rule file or folder.")
    Path path;

    @Option(names = "--name", description = "The pack's name (default: the file or folder name).")
    String name;

    @Option(names = "--licence", description = "The rules' licence, kept when the rules name none"
        + " (Sigma's license field, or a LICENSE/LICENCE file beside them).")
    String licence;

    @Override
    public Integer call() {
      CaseArgs.requireExistingCase(parent.caseDir);
      try (CaseStore store = CaseStore.open(parent.caseDir)) {
        CaseRulePacks.Pack p = CaseRulePacks.add(store, path, name, licence);
        PrintWriter out = SafeOut.over(spec.commandLine().getOut());
        out.printf("kept rule pack '%s': %d rule(s) from %d file(s), licence %s%n", SafeText.escape(p.name()),
            p.ruleCount(), p.fileCount(), SafeText.escape(p.licence()));
        for (SourceProblem e : p.errors()) {
          out.println("  not loaded: " + SafeText.escape(e.toString()));
        }
        out.flush();
        return TrailbenchCommand.EXIT_OK;
      } catch (RulePackException e) {
        throw new BadInputException("cannot keep rule pack: " + e.problem());
      } catch (IllegalArgumentException e) {
        throw new BadInputException(e.getMessage());
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the case's rule packs: name, state, kind, rules, licence, source and the files that did not load.")
  static final class ListPacks implements Callable<Integer> {
    @ParentCommand RulesCommand parent;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      CaseArgs.requireExistingCase(parent.caseDir);
      List<CaseRulePacks.Pack> packs;
      try (CaseStore store = CaseStore.open(parent.caseDir)) {
        packs = CaseRulePacks.list(store);
      }
      PrintWriter out = SafeOut.over(spec.commandLine().getOut());
      if (packs.isEmpty()) {
        out.println("no rule packs in this case (add one with: trailbench rules --case DIR add PATH)");
      }
      for (CaseRulePacks.Pack p : packs) {
        out.printf("%s  %s  %s, %d rule(s) from %d file(s), licence %s%n", SafeText.escape(p.name()),
            p.enabled() ? "enabled" : "disabled", p.kind().code(), p.ruleCount(), p.fileCount(), SafeText.escape(p.licence()));
        out.printf("  source %s, added %s%n", SafeText.escape(p.source()), p.loadedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        for (SourceProblem e : p.errors()) {
          out.println("  not loaded: " + SafeText.escape(e.toString()));
        }
      }
      out.flush();
      return TrailbenchCommand.EXIT_OK;
    }
  }

  /** Shared by remove, enable and disable: one pack by name. */
  abstract static class OnePack implements Callable<Integer> {
    @ParentCommand RulesCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The pack's name, as `rules list` shows it.")
    String name;

    abstract boolean change(CaseStore store);

    abstract String done();

    @Override
    public Integer call() {
      CaseArgs.requireExistingCase(parent.caseDir);
      try (CaseStore store = CaseStore.open(parent.caseDir)) {
        if (!change(store)) {
          throw new BadInputException("the case has no rule pack named '" + name + "' (see: trailbench rules --case "
              + parent.caseDir + " list)");
        }
      }
      spec.commandLine().getOut().println(SafeText.escape(done()));
      spec.commandLine().getOut().flush();
      return TrailbenchCommand.EXIT_OK;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Remove a pack and its files from the case. Its findings stay, marked as no longer detected after the next run.")
  static final class Remove extends OnePack {
    boolean change(CaseStore store) {
      return CaseRulePacks.remove(store, name);
    }

    String done() {
      return "removed rule pack '" + name + "'";
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Run a pack's rules again.")
  static final class Enable extends OnePack {
    boolean change(CaseStore store) {
      return CaseRulePacks.setEnabled(store, name, true);
    }

    String done() {
      return "enabled rule pack '" + name + "'";
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true, description = "Keep a pack in the case without running it.")
  static final class Disable extends OnePack {
    boolean change(CaseStore store) {
      return CaseRulePacks.setEnabled(store, name, false);
    }

    String done() {
      return "disabled rule pack '" + name + "'";
    }
  }
}
