package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resource facts an import keeps for the timeline's {@code resource:} filter, from every part of a record they come from. */
class ImportResourceFactsTest {
  @TempDir Path tmp;

  @Test
  void aConsoleRoleSwitchIsFoundByTheRoleItSwitchedToFromItsAdditionalEventData() throws Exception {
    Path events = Files.writeString(tmp.resolve("switch.json"), """
        {"Records":[
         {"eventVersion":"1.08","eventID":"sw-1","eventTime":"2026-10-03T14:22:58Z","eventSource":"signin.amazonaws.com",
          "eventName":"SwitchRole","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.77","recipientAccountId":"111122223333",
          "eventType":"AwsConsoleSignIn","responseElements":{"SwitchRole":"Success"},
          "additionalEventData":{"SwitchFrom":"arn:aws:iam::111122223333:user/alice",
            "SwitchTo":"arn:aws:iam::111122223333:role/OrgSecurityAdmin","RedirectTo":"https://console.aws.amazon.com/"},
          "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","userName":"alice"}}]}
        """);
    try (CaseStore s = CaseStore.open(tmp.resolve("case"))) {
      assertThat(CaseStoreTest.importInto(s, events).errors()).isEmpty();
      assertThat(CaseStoreTest.count(s, "resource:\"arn:aws:iam::111122223333:role/OrgSecurityAdmin\"")).isEqualTo(1);
      assertThat(CaseStoreTest.count(s, "resource:\"arn:aws:iam::111122223333:role/Other\"")).isZero();
    }
  }
}
