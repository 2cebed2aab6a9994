package io.github.trailbench.app.overview;

import io.github.trailbench.app.workspace.CaseWorkspace.CaseException;
import io.github.trailbench.core.overview.OrgOverview;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The organization overview kept with the open case, and the case's own principals to compare it with. */
public interface OverviewService {
  /** The overview kept with the open case, if one was loaded. */
  Optional<OrgOverview> load() throws CaseException;

  /** Checks {@code file} (a slice job's overview.jsonl) and keeps it with the open case. */
  OrgOverview keep(Path file) throws CaseException;

  /** Events of the open case per principal ARN, to tell which principals of the overview are already in it. */
  Map<String, Long> caseEventsByPrincipal();

  /** For a workspace without a case store: never an overview. */
  OverviewService NONE = new OverviewService() {
    @Override
    public Optional<OrgOverview> load() {
      return Optional.empty();
    }

    @Override
    public OrgOverview keep(Path file) throws CaseException {
      throw new CaseException("No case is open.", null);
    }

    @Override
    public Map<String, Long> caseEventsByPrincipal() {
      return Map.of();
    }
  };
}
