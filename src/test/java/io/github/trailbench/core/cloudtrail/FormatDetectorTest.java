package io.github.trailbench.core.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.core.model.SourceFormatException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatDetectorTest {
  @TempDir Path dir;

  private SourceKind detect(String resource, String asName, boolean gzip) throws Exception {
    byte[] b = Fixtures.bytes(resource);
    Path f = Fixtures.write(dir.resolve(asName), gzip ? Fixtures.gzip(b) : b);
    return FormatDetector.detect(f, InputLimits.DEFAULT);
  }

  @Test
  void detectsEveryFormatFromContentNotFromTheName() throws Exception {
    // names chosen to mislead: detection must look at content only
    assertThat(detect("cloudtrail/records.json", "report.csv", false)).isEqualTo(SourceKind.CLOUDTRAIL_RECORDS);
    assertThat(detect("cloudtrail/records.json", "x.txt", true)).isEqualTo(SourceKind.CLOUDTRAIL_RECORDS);
    assertThat(detect("cloudtrail/digest.json", "a_CloudTrail_x.json.gz", true)).isEqualTo(SourceKind.CLOUDTRAIL_DIGEST);
    assertThat(detect("cloudtrail/lookup-events.json", "records.json", false)).isEqualTo(SourceKind.LOOKUP_EVENTS);
    assertThat(detect("cloudtrail/lake-results.json", "a", false)).isEqualTo(SourceKind.LAKE_QUERY_RESULTS);
    assertThat(detect("cloudtrail/events.jsonl", "b", true)).isEqualTo(SourceKind.EVENT_JSON_LINES);
    assertThat(detect("cloudtrail/event-array.json", "c", false)).isEqualTo(SourceKind.EVENT_ARRAY);
    assertThat(detect("cloudtrail/console-history.csv", "d.json", false)).isEqualTo(SourceKind.CONSOLE_CSV);
    assertThat(detect("iam/credential-report.csv", "e.json", false)).isEqualTo(SourceKind.CREDENTIAL_REPORT);
    assertThat(detect("iam/authorization-details.json", "f", false)).isEqualTo(SourceKind.IAM_AUTHORIZATION_DETAILS);
    assertThat(detect("iam/organization.json", "g", true)).isEqualTo(SourceKind.ORGANIZATION_MANIFEST);
  }

  @Test
  void prettyPrintedSingleEventIsAnObjectSequence() throws Exception {
    String pretty = Fixtures.record("e-1", "2026-10-03T10:00:00Z", "X", "alice").replace(",", ",\n  ");
    Path f = Fixtures.write(dir.resolve("one.json"), pretty);
    assertThat(FormatDetector.detect(f, InputLimits.DEFAULT)).isEqualTo(SourceKind.EVENT_OBJECT_SEQUENCE);
  }

  @Test
  void resourcePolicyManifestAndUnknownManifest() throws Exception {
    Path ok = Fixtures.write(dir.resolve("rp.json"), "{\"trailbench\":\"resource-policies/v1\",\"policies\":[]}");
    assertThat(FormatDetector.detect(ok, InputLimits.DEFAULT)).isEqualTo(SourceKind.RESOURCE_POLICY_MANIFEST);
    Path bad = Fixtures.write(dir.resolve("m.json"), "{\"trailbench\":\"weird/v9\"}");
    assertThatThrownBy(() -> FormatDetector.detect(bad, InputLimits.DEFAULT))
        .isInstanceOf(SourceFormatException.class).hasMessageContaining("weird/v9").hasMessageContaining(bad.toString());
  }

  @Test
  void anAccessAdvisorFileIsKnownByItsMarkerAndABareOutputIsRefusedWithHowToNameItsPrincipal() throws Exception {
    assertThat(detect("iam/access-advisor.json", "report.csv", false)).isEqualTo(SourceKind.ACCESS_ADVISOR);
    Path bare = Fixtures.write(dir.resolve("last-accessed.json"), "{\"JobStatus\": \"COMPLETED\", \"JobType\": \"SERVICE_LEVEL\","
        + " \"ServicesLastAccessed\": []}");
    assertThatThrownBy(() -> FormatDetector.detect(bare, InputLimits.DEFAULT))
        .isInstanceOf(SourceFormatException.class).hasMessageContaining(bare.toString())
        .hasMessageContaining("names no principal").hasMessageContaining("\"principalArn\"");
  }

  @Test
  void anS3AclFileIsKnownByItsMarkerOrXmlAndABareAclOutputIsRefusedWithHowToNameItsBucket() throws Exception {
    Path json = Fixtures.write(dir.resolve("acl.txt"), "{\"trailbench\": \"s3-acl/v1\", \"resourceArn\": \"arn:aws:s3:::b\"}");
    assertThat(FormatDetector.detect(json, InputLimits.DEFAULT)).isEqualTo(SourceKind.S3_ACL);
    Path xml = Fixtures.write(dir.resolve("acl.json"), "<?xml version=\"1.0\"?>\n<?trailbench s3-acl/v1 resourceArn=\"arn:aws:s3:::b\"?>\n<AccessControlPolicy/>");
    assertThat(FormatDetector.detect(xml, InputLimits.DEFAULT)).isEqualTo(SourceKind.S3_ACL);
    Path bare = Fixtures.write(dir.resolve("get-bucket-acl.json"), "{\"Owner\": {\"ID\": \"x\"}, \"Grants\": []}");
    assertThatThrownBy(() -> FormatDetector.detect(bare, InputLimits.DEFAULT))
        .isInstanceOf(SourceFormatException.class).hasMessageContaining(bare.toString())
        .hasMessageContaining("names no bucket").hasMessageContaining("\"s3-acl/v1\"");
    Path otherXml = Fixtures.write(dir.resolve("list.xml"), "<ListBucketResult/>");
    assertThatThrownBy(() -> FormatDetector.detect(otherXml, InputLimits.DEFAULT))
        .hasMessageContaining("XML other than an S3 AccessControlPolicy");
  }

  @Test
  void theSliceJobsManifestAndOverviewAreKnownByTheirMarker() throws Exception {
    Path manifest = Fixtures.write(dir.resolve("manifest.json"), "{\n  \"trailbench\" : \"slice-manifest/v1\",\n  \"job\" : \"x\"\n}");
    assertThat(FormatDetector.detect(manifest, InputLimits.DEFAULT)).isEqualTo(SourceKind.SLICE_MANIFEST);
    assertThat(FormatDetector.detect(Fixtures.resource("slice/overview.jsonl"), InputLimits.DEFAULT))
        .isEqualTo(SourceKind.SLICE_OVERVIEW);
  }

  @Test
  void unknownContentIsNamedWithItsStart() {
    Path f = Fixtures.write(dir.resolve("x.json"), "hello world\n");
    assertThatThrownBy(() -> FormatDetector.detect(f, InputLimits.DEFAULT))
        .isInstanceOf(SourceFormatException.class)
        .hasMessageContaining("line 1, column 1").hasMessageContaining("hello world");
    Path g = Fixtures.write(dir.resolve("y.json"), "{\"foo\": 1}");
    assertThatThrownBy(() -> FormatDetector.detect(g, InputLimits.DEFAULT))
        .hasMessageContaining("not a recognised JSON format");
  }
}
