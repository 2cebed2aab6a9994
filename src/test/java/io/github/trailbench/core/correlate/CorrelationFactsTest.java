package io.github.trailbench.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.core.model.InScopeOf;
import io.github.trailbench.core.model.SessionContext;
import io.github.trailbench.core.model.SessionIssuer;
import io.github.trailbench.core.model.UserIdentity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CorrelationFactsTest {
  @Test
  void factsReadBackEqualWhateverTheirTextHolds() {
    SessionIssuer issuer = new SessionIssuer("Role", "AROA:1", "arn:aws:iam::1:role/a-b:c", null, "");
    SessionContext sc = new SessionContext(issuer, Boolean.FALSE, Instant.parse("2026-10-01T10:00:00.5Z"), "12:ab-",
        null, "2.0");
    UserIdentity u = new UserIdentity("AssumedRole", "-", "arn:aws:sts::1:assumed-role/a/ü😀:x", "1", "ASIA1", null, null,
        "3:x", sc);
    for (CorrelationFacts f : new CorrelationFacts[] {
        new CorrelationFacts(u, true, 456_789, "{\"roleArn\":\"x\"}", "\"weird\"", false),
        new CorrelationFacts(null, false, 0, null, null, false),
        new CorrelationFacts(new UserIdentity("IdentityCenterUser", null, null, null, null, null, null, null, null),
            false, 0, null, "", true),
        new CorrelationFacts(new UserIdentity(null, null, null, null, null, null, null, null,
            new SessionContext(null, null, null, null, null, null)), false, 1, "-", "0:", false)}) {
      assertThat(CorrelationFacts.decode(f.encode())).isEqualTo(f);
    }
  }

  /** userIdentity.inScopeOf is kept, and facts written before it was (no 'W' after the identity) still read. */
  @Test
  void inScopeOfIsKeptAndOlderFactsStillRead() {
    InScopeOf fn = new InScopeOf("AWS::Lambda::Function", "arn:aws:lambda:us-east-1:1:function:f");
    SessionContext root = new SessionContext(null, null, null, null, null, null, true);
    for (UserIdentity u : new UserIdentity[] {
        new UserIdentity("AssumedRole", "AROA:f", "arn:aws:sts::1:assumed-role/r/f", "1", "ASIA1", null, null, null, null, null, fn),
        new UserIdentity("AssumedRole", null, null, null, "ASIA1", null, null, null, root, null, fn),
        new UserIdentity("AssumedRole", null, null, null, "ASIA1", null, null, null, root, null, new InScopeOf(null, "x"))}) {
      CorrelationFacts f = new CorrelationFacts(u, false, 0, "-", null, false);
      assertThat(CorrelationFacts.decode(f.encode())).isEqualTo(f);
    }
    UserIdentity without = new UserIdentity("AssumedRole", "AROA:f", null, "1", "ASIA1", null, null, null, root);
    String older = new CorrelationFacts(without, false, 0, "7:{\"a\":1}", null, false).encode();
    assertThat(older).doesNotContain("W");
    assertThat(CorrelationFacts.decode(older).identity()).isEqualTo(without);
  }

  @Test
  void aTextThatIsNotFactsIsRefused() {
    String good = new CorrelationFacts(null, false, 0, null, null, false).encode();
    assertThatThrownBy(() -> CorrelationFacts.decode("x" + good)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CorrelationFacts.decode(good + "-")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CorrelationFacts.decode("c1..99:ab")).isInstanceOf(IllegalArgumentException.class);
  }

  /** Rule: the reduced documents keep every value the builders read, and only those. */
  @Test
  void requestAndResponseKeepOnlyWhatTheBuildersRead() {
    assertThat(CorrelationFacts.reduce("{\"roleArn\":\"r\",\"policy\":\"{...}\",\"roleSessionName\":7,\"durationSeconds\":3600}", false))
        .isEqualTo("{\"roleArn\":\"r\",\"roleSessionName\":7}");
    assertThat(CorrelationFacts.reduce("{\"credentials\":{\"accessKeyId\":\"ASIA\",\"sessionToken\":\"long\","
        + "\"expiration\":\"e\"},\"assumedRoleUser\":[1],\"packedPolicySize\":6}", true))
        .isEqualTo("{\"credentials\":{\"accessKeyId\":\"ASIA\",\"expiration\":\"e\"},\"assumedRoleUser\":[1]}");
    assertThat(CorrelationFacts.reduce("not json", true)).isEqualTo("not json");
    assertThat(CorrelationFacts.reduce("null", true)).isEqualTo("null");
    assertThat(CorrelationFacts.reduce("", false)).isEmpty();
  }

  /** Rule: a creation date reads back as {@link Instant#parse} reads it, the fast whole-second form and every other one. */
  @Test
  void creationDatesReadAsInstantParseReadsThem() {
    for (String t : new String[] {"2026-10-01T10:00:00Z", "0000-01-01T00:00:00Z", "2024-02-29T23:59:59Z",
        "2026-12-31T23:59:60Z", "2026-10-01T24:00:00Z", "2026-10-01T10:00:00.5Z", "+10000-01-01T00:00:00Z", "-0044-03-15T12:00:00Z"}) {
      assertThat(CorrelationFacts.instant(t)).as(t).isEqualTo(Instant.parse(t));
    }
    for (String bad : new String[] {"2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-04-31T10:00:00Z", "2026-1a-01T10:00:00Z", "2026-10-01 10:00:00Z"}) {
      assertThatThrownBy(() -> CorrelationFacts.instant(bad)).as(bad).isInstanceOf(java.time.format.DateTimeParseException.class);
    }
  }
}
