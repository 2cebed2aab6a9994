package io.github.trailbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.Fixtures;
import io.github.trailbench.store.CaseStore;
import io.github.trailbench.store.IamSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing S3 ACL files: detected by content (JSON envelope or XML), stored raw, ledgered; XXE refused. */
class S3AclImportCliTest {
  static final String OWNER = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
  @TempDir Path tmp;

  static final String XML = """
      <?xml version="1.0" encoding="UTF-8"?>
      <?trailbench s3-acl/v1 resourceArn="arn:aws:s3:::acme-shared" resourceAccount="111122223333"?>
      <AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
        <Owner><ID>%s</ID></Owner>
        <AccessControlList>
          <Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>%s</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>
        </AccessControlList>
      </AccessControlPolicy>
      """.formatted(OWNER, OWNER);

  @Test
  void anXmlAclIsDetectedByContentStoredRawAndLedgered() throws Exception {
    Path misnamed = Fixtures.write(tmp.resolve("notes.json"), XML);
    String c = tmp.resolve("case").toString();
    CliTest.Run r = CliTest.run("import", "--case", c, misnamed.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("stored +\\S*notes.json +\\[S3_ACL\\] +ACL of arn:aws:s3:::acme-shared");
    try (CaseStore s = CaseStore.open(Path.of(c))) {
      assertThat(s.queries().iamSources()).singleElement().satisfies(i -> {
        assertThat(i.kind()).isEqualTo("S3_ACL");
        assertThat(i.content()).isEqualTo(XML.getBytes(StandardCharsets.UTF_8));
      });
      assertThat(s.queries().ledger()).singleElement().satisfies(l -> assertThat(l.toString()).contains("S3_ACL"));
    }
  }

  @Test
  void anXxeFileIsRefusedWithFilePositionAndReasonAndNothingIsStored() throws Exception {
    Path evil = Fixtures.write(tmp.resolve("evil.xml"), XML.replace("<AccessControlPolicy xmlns",
        "<!DOCTYPE AccessControlPolicy [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<AccessControlPolicy xmlns"));
    String c = tmp.resolve("case").toString();
    CliTest.Run r = CliTest.run("import", "--case", c, evil.toString());
    assertThat(r.exit()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(r.out() + r.err()).contains("REJECTED  " + evil, "line 3", "DOCTYPE is not allowed").doesNotContain("\tat ")
        .doesNotContain("root:");
    try (CaseStore s = CaseStore.open(Path.of(c))) {
      assertThat(s.queries().iamSources()).extracting(IamSource::kind).isEmpty();
    }
  }

  @Test
  void aBareGetBucketAclOutputIsRefusedSayingHowToNameItsBucket() throws Exception {
    Path bare = Fixtures.write(tmp.resolve("get-bucket-acl.json"), "{\"Owner\": {\"ID\": \"" + OWNER + "\"}, \"Grants\": []}");
    String c = tmp.resolve("case").toString();
    CliTest.Run r = CliTest.run("import", "--case", c, bare.toString());
    assertThat(r.exit()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(r.out() + r.err()).contains(bare.toString(), "names no bucket", "s3-acl/v1");
  }
}
