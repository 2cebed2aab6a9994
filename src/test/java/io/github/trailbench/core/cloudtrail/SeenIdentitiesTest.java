package io.github.trailbench.core.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.UserIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file's records of one caller share the identity read from its first record (SeenIdentities). */
class SeenIdentitiesTest {
  @TempDir Path dir;

  private static final String ROLE_IDENTITY = "{\"type\":\"AssumedRole\",\"principalId\":\"AROAX:alice\","
      + "\"arn\":\"arn:aws:sts::111122223333:assumed-role/Admin/alice\",\"accountId\":\"111122223333\","
      + "\"accessKeyId\":\"ASIAX\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROAX\","
      + "\"arn\":\"arn:aws:iam::111122223333:role/Admin\",\"accountId\":\"111122223333\",\"userName\":\"Admin\"},"
      + "\"attributes\":{\"creationDate\":\"2026-10-03T09:00:00Z\",\"mfaAuthenticated\":\"true\"}}}";

  private static String withIdentity(String id, String identity) {
    String r = Fixtures.record(id, "2026-10-03T10:00:00Z", "X", "alice");
    int from = r.indexOf("\"userIdentity\":") + "\"userIdentity\":".length();
    int to = r.indexOf("},", from) + 1;
    return r.substring(0, from) + identity + r.substring(to);
  }

  private static UserIdentity readAlone(String record) throws Exception {
    return CloudTrailRecords.parse(record, "alone").userIdentity();
  }

  @Test
  void recordsWithTheSameIdentityTextShareOneIdentityEqualToReadingEachAlone() throws Exception {
    String bob = ROLE_IDENTITY.replace("alice", "bob").replace("ASIAX", "ASIAY");
    List<String> records = List.of(withIdentity("a", ROLE_IDENTITY), withIdentity("b", bob), withIdentity("c", ROLE_IDENTITY),
        withIdentity("d", ROLE_IDENTITY.replace("{\"type\"", "{ \"type\"")));
    HostileInputTest.Collect c = HostileInputTest.read(Fixtures.write(dir.resolve("r.json.gz"),
        Fixtures.gzip(Fixtures.records(records).getBytes(StandardCharsets.UTF_8))));

    assertThat(c.rejects).isEmpty();
    assertThat(c.ids()).containsExactly("a", "b", "c", "d");
    List<UserIdentity> ids = c.events.stream().map(e -> e.event().userIdentity()).toList();
    for (int i = 0; i < records.size(); i++) {
      assertThat(ids.get(i)).isEqualTo(readAlone(records.get(i)));
    }
    assertThat(ids.get(0).sessionContext().sessionIssuer().userName()).isEqualTo("Admin");
    assertThat(ids.get(2)).isSameAs(ids.get(0));
    assertThat(ids.get(1)).isNotEqualTo(ids.get(0));
    // another text (a space) is read again, to an equal identity
    assertThat(ids.get(3)).isNotSameAs(ids.get(0)).isEqualTo(ids.get(0));
    HostileInputTest.slicesMatch(c, Fixtures.records(records).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aDuplicateKeyInsideAnIdentityRejectsItsRecordEvenAfterTheSameIdentityWasRead() throws Exception {
    String twice = ROLE_IDENTITY.replace("\"userName\":\"Admin\"", "\"userName\":\"Admin\",\"userName\":\"Other\"");
    String content = Fixtures.records(List.of(withIdentity("a", ROLE_IDENTITY), withIdentity("b", twice), withIdentity("c", ROLE_IDENTITY)));
    HostileInputTest.Collect c = HostileInputTest.read(Fixtures.write(dir.resolve("d.json"), content));

    assertThat(c.ids()).containsExactly("a", "c");
    assertThat(c.rejects).singleElement().satisfies(p -> {
      assertThat(p.position()).startsWith("record 2, line 1, column ");
      assertThat(p.reason()).startsWith("duplicate key \"userName\" in one JSON object (line 1, column ");
    });
  }

  @Test
  void anIdentityThatIsNotAnObjectStillRejectsItsRecord() throws Exception {
    String content = Fixtures.records(List.of(withIdentity("a", ROLE_IDENTITY), withIdentity("b", "\"alice\"")));
    HostileInputTest.Collect c = HostileInputTest.read(Fixtures.write(dir.resolve("n.json"), content));

    assertThat(c.ids()).containsExactly("a");
    assertThat(c.rejects).singleElement().satisfies(p -> assertThat(p.reason()).isEqualTo("userIdentity must be an object, found a string"));
  }
}
