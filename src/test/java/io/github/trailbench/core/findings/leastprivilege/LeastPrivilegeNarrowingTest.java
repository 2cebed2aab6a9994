package io.github.trailbench.core.findings.leastprivilege;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How the generated policy's resources are chosen from the ARNs the trail showed. */
class LeastPrivilegeNarrowingTest {
  static UsedAction used(List<String> arns, boolean complete) {
    return new UsedAction("s3:GetObject", "s3", arns.size(), Instant.EPOCH, arns, complete, true);
  }

  static List<String> objects(String bucket, String folder, int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> "arn:aws:s3:::" + bucket + "/" + folder + "/f" + i + ".csv").toList();
  }

  @Test
  void upToTenArnsAreKeptAsTheyAre() {
    assertThat(LeastPrivilege.narrow(used(objects("b", "x", 10), true))).isEqualTo(objects("b", "x", 10));
  }

  @Test
  void anActionWithAnEventWithoutArnsGetsAStar() {
    assertThat(LeastPrivilege.narrow(used(objects("b", "x", 2), false))).containsExactly("*");
  }

  @Test
  void manyArnsBecomeTheirCommonFolderPerBucket() {
    List<String> arns = new java.util.ArrayList<>(objects("b1", "exports/2026", 8));
    arns.addAll(objects("b2", "in", 5));
    arns.add("arn:aws:s3:::b3/only.txt");
    assertThat(LeastPrivilege.narrow(used(arns, true))).containsExactly("arn:aws:s3:::b1/exports/2026/*",
        "arn:aws:s3:::b2/in/*", "arn:aws:s3:::b3/only.txt");
  }

  @Test
  void manyArnsOfManyResourcesBecomeAStar() {
    List<String> arns = IntStream.rangeClosed(1, 11).mapToObj(i -> "arn:aws:s3:::bucket" + i + "/a.txt").toList();
    assertThat(LeastPrivilege.narrow(used(arns, true))).containsExactly("*");
  }
}
