package io.github.trailbench.core.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** CloudTrail Lake's struct text of a userIdentity cell, read as the record's userIdentity. */
class LakeStructTest {
  @Test
  void aRoleSessionWithItsIssuerAndAttributes() {
    ObjectNode u = LakeStruct.userIdentity("{type=AssumedRole, principalid=AROAEXAMPLE:deploy, arn=arn:aws:sts::111122223333:"
        + "assumed-role/Deploy/deploy, accountid=111122223333, accesskeyid=ASIAEXAMPLE, username=null, sessioncontext="
        + "{attributes={creationdate=2026-10-03 10:00:00.000, mfaauthenticated=false}, sessionissuer={type=Role, "
        + "principalid=AROAEXAMPLE, arn=arn:aws:iam::111122223333:role/Deploy, accountid=111122223333, username=Deploy}, "
        + "webidfederationdata=null, sourceidentity=null, ec2roledelivery=null, ec2issuedinvpc=null}, invokedby=null}");
    assertThat(u.path("type").asText()).isEqualTo("AssumedRole");
    assertThat(u.path("arn").asText()).isEqualTo("arn:aws:sts::111122223333:assumed-role/Deploy/deploy");
    assertThat(u.path("accessKeyId").asText()).isEqualTo("ASIAEXAMPLE");
    assertThat(u.has("userName")).as("null is no value").isFalse();
    assertThat(u.path("sessionContext").path("sessionIssuer").path("arn").asText())
        .isEqualTo("arn:aws:iam::111122223333:role/Deploy");
    assertThat(u.path("sessionContext").path("attributes").path("mfaAuthenticated").asText()).isEqualTo("false");
  }

  @Test
  void aValueWithACommaThatIsNotBeforeANameStaysWhole() {
    ObjectNode u = LakeStruct.userIdentity("{type=IAMUser, arn=arn:aws:iam::111122223333:user/a,b, accountid=111122223333}");
    assertThat(u.path("arn").asText()).isEqualTo("arn:aws:iam::111122223333:user/a,b");
  }

  @Test
  void textThatIsNoStructIsNotReadAsOne() {
    assertThat(LakeStruct.userIdentity("IAMUser alice")).isNull();
    assertThat(LakeStruct.userIdentity("{not a struct}")).isNull();
    assertThat(LakeStruct.userIdentity("{principalid=AIDA}")).as("neither a type nor an ARN").isNull();
  }
}
