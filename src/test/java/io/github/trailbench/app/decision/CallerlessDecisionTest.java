package io.github.trailbench.app.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.app.timeline.EventRow;
import io.github.trailbench.app.workspace.CaseWorkspace;
import io.github.trailbench.app.workspace.StoreCaseWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Explain this decision" on a call whose record names no caller (a Lake row, an event-history CSV row with an empty
 * user name): the view cannot step through it, and says why. It used to say the call "needs no IAM authorization",
 * which is wrong for an S3 read.
 */
class CallerlessDecisionTest {
  static StoreCaseWorkspace workspace;

  @BeforeAll
  static void importCase() throws Exception {
    workspace = new StoreCaseWorkspace();
    workspace.open(Files.createTempDirectory("callerless"));
    workspace.importFiles(List.of(Path.of("src/test/resources/fixtures/callerless")), p -> {});
  }

  @AfterAll
  static void close() {
    workspace.close();
  }

  private static EventRow row(String id) {
    return new EventRow(id, "111122223333", null, null, null, null, null, null, null, null, null, null, List.of());
  }

  @Test
  void aCallWithoutACallerIsRefusedWithTheReasonNotCalledUnauthorized() {
    assertThatThrownBy(() -> workspace.requestsOf(row("callerless-getobject")))
        .isInstanceOf(CaseWorkspace.CaseException.class)
        .hasMessageContaining("callerless-getobject (GetObject)")
        .hasMessageContaining("names no caller (userIdentity absent)")
        .hasMessageContaining("undetermined")
        .hasMessageNotContaining("needs no IAM authorization");
  }

  @Test
  void theSameCallWithItsCallerIsAnOrdinaryRequest() throws Exception {
    List<DecisionRequest> requests = workspace.requestsOf(row("callerless-named"));
    assertThat(requests).extracting(DecisionRequest::action).containsExactly("s3:GetObject");
    assertThat(requests.get(0).principal()).isEqualTo("arn:aws:iam::111122223333:user/alice");
  }
}
