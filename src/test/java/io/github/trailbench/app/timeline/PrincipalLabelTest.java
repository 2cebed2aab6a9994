package io.github.trailbench.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrincipalLabelTest {
  @Test
  void anAssumedRoleIsItsRoleAndSession() {
    assertThat(PrincipalLabel.of("arn:aws:sts::111122223333:assumed-role/OpsAdminRole/ci-maint")).isEqualTo("OpsAdminRole/ci-maint");
  }

  @Test
  void usersRolesAndGroupsKeepTheirTypeAndNameWithoutPathOrAccount() {
    assertThat(PrincipalLabel.of("arn:aws:iam::111122223333:user/ci-deploy")).isEqualTo("user/ci-deploy");
    assertThat(PrincipalLabel.of("arn:aws:iam::111122223333:user/dev/team/alice")).isEqualTo("user/alice");
    assertThat(PrincipalLabel.of("arn:aws-us-gov:iam::111122223333:role/Deploy")).isEqualTo("role/Deploy");
  }

  @Test
  void rootNamesItsAccountAndWhatIsNotAnIamArnIsLeftAlone() {
    assertThat(PrincipalLabel.of("arn:aws:iam::111122223333:root")).isEqualTo("root (111122223333)");
    assertThat(PrincipalLabel.of("arn:aws:sts::111122223333:federated-user/bob")).isEqualTo("federated-user/bob");
    assertThat(PrincipalLabel.of("cloudtrail.amazonaws.com")).isEqualTo("cloudtrail.amazonaws.com");
    assertThat(PrincipalLabel.of(null)).isEmpty();
  }
}
