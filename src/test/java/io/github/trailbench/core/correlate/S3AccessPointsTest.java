package io.github.trailbench.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.core.model.CloudTrailEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which S3 access point a logged request went through, from its resources or its host (S3 User Guide, "Using access points"). */
class S3AccessPointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static CloudTrailEvent s3(String host, String resources) throws Exception {
    ObjectNode r = TestEvents.base();
    r.put("eventSource", "s3.amazonaws.com");
    r.put("eventName", "GetObject");
    r.set("requestParameters", JSON.readTree("{\"bucketName\":\"b\",\"key\":\"k\"" + (host == null ? "" : ",\"Host\":\"" + host + "\"") + "}"));
    if (resources != null) {
      r.set("resources", JSON.readTree(resources));
    }
    return TestEvents.of(r);
  }

  private static String arn(CloudTrailEvent e) {
    return S3AccessPoints.arn(e, new EventDocs(e));
  }

  @Test
  void aRegionalAccessPointIsKnownFromItsHostOrItsResource() throws Exception {
    assertThat(arn(s3("finance-ap-111122223333.s3-accesspoint.us-east-1.amazonaws.com", null)))
        .isEqualTo("arn:aws:s3:us-east-1:111122223333:accesspoint/finance-ap");
    assertThat(arn(s3("My-AP-2-444455556666.s3-accesspoint.dualstack.eu-west-1.amazonaws.com", null)))
        .isEqualTo("arn:aws:s3:eu-west-1:444455556666:accesspoint/my-ap-2");
    assertThat(arn(s3("ap-111122223333.s3-accesspoint.cn-north-1.amazonaws.com.cn", null)))
        .isEqualTo("arn:aws-cn:s3:cn-north-1:111122223333:accesspoint/ap");
    assertThat(arn(s3(null, "[{\"type\":\"AWS::S3::AccessPoint\",\"ARN\":\"arn:aws:s3:us-east-1:111122223333:accesspoint/x\"}]")))
        .isEqualTo("arn:aws:s3:us-east-1:111122223333:accesspoint/x");
  }

  @Test
  void aRequestToTheBucketOrThroughAnAccessPointTheRecordDoesNotNameHasNone() throws Exception {
    CloudTrailEvent direct = s3("b.s3.us-east-1.amazonaws.com", null);
    assertThat(arn(direct)).isNull();
    assertThat(S3AccessPoints.through(direct, new EventDocs(direct))).isFalse();
    CloudTrailEvent mrap = s3("mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com", null);
    assertThat(arn(mrap)).isNull();
    assertThat(S3AccessPoints.through(mrap, new EventDocs(mrap))).isTrue();
    assertThat(S3AccessPoints.multiRegionAlias(new EventDocs(mrap))).isEqualTo("mfzwi23gnjvgw.mrap");
    CloudTrailEvent lambda = s3("olap-111122223333.s3-object-lambda.us-east-1.amazonaws.com", null);
    assertThat(arn(lambda)).isNull();
    assertThat(S3AccessPoints.through(lambda, new EventDocs(lambda))).isTrue();
  }

  @Test
  void aMultiRegionAccessPointIsKnownOnlyWhenExactlyOneArnOfItsAliasIsInTheCase() {
    String mine = "arn:aws:s3::111122223333:accesspoint/mfzwi23gnjvgw.mrap";
    assertThat(S3AccessPoints.multiRegionArn("mfzwi23gnjvgw.mrap", List.of("arn:aws:s3:::b", mine))).isEqualTo(mine);
    assertThat(S3AccessPoints.multiRegionArn("mfzwi23gnjvgw.mrap", List.of("arn:aws:s3:::b"))).isNull();
    assertThat(S3AccessPoints.multiRegionArn("mfzwi23gnjvgw.mrap",
        List.of(mine, "arn:aws:s3::444455556666:accesspoint/mfzwi23gnjvgw.mrap"))).isNull();
  }

  @Test
  void aBucketOrObjectArnThroughAnAccessPoint() {
    String ap = "arn:aws:s3:us-east-1:111122223333:accesspoint/finance-ap";
    assertThat(S3AccessPoints.throughAccessPoint(ap, "arn:aws:s3:::b/a/b c.csv")).isEqualTo(ap + "/object/a/b c.csv");
    assertThat(S3AccessPoints.throughAccessPoint(ap, "arn:aws:s3:::b")).isEqualTo(ap);
    assertThat(S3AccessPoints.throughAccessPoint(ap, "arn:aws:kms:us-east-1:111122223333:key/1")).isNull();
  }
}
