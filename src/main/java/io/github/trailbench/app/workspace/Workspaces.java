package io.github.trailbench.app.workspace;

/** Creates the workspace the app runs on. */
public final class Workspaces {
  private Workspaces() {}

  public static CaseWorkspace create() {
    return new StoreCaseWorkspace();
  }
}
