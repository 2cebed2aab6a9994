package io.github.trailbench.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArnAccountTest {
  /** Rule: an ARN's account is its fifth ':'-separated part, empty when there are fewer than five or it is no ARN. */
  @Test
  void theAccountIsTheFifthPartOfAnArn() {
    assertThat(Arn.accountOf("arn:aws:iam::111122223333:role/a:b")).isEqualTo("111122223333");
    assertThat(Arn.accountOf("arn:aws:sts::111122223333:assumed-role/Admin/s")).isEqualTo("111122223333");
    assertThat(Arn.accountOf("arn:aws:s3:::bucket")).isEmpty();
    assertThat(Arn.accountOf("arn:aws:iam::111122223333")).isEqualTo("111122223333");
    assertThat(Arn.accountOf("arn:aws:iam::")).isEmpty();
    assertThat(Arn.accountOf("arn:aws:iam:")).isEmpty();
    assertThat(Arn.accountOf("111122223333")).isEmpty();
    assertThat(Arn.accountOf(null)).isEmpty();
  }
}
