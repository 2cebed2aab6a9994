package io.github.trailbench.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.core.model.SourceFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulateInputTest {
  static final String CASE = "{\"request\":{\"principal\":\"arn:aws:iam::111122223333:user/alice\",\"action\":\"s3:GetObject\","
      + "\"resource\":\"arn:aws:s3:::b/k\",\"context\":{\"aws:SourceIp\":\"203.0.113.7\",\"aws:TagKeys\":[\"team\",\"env\"],\"n\":5,\"b\":true}},"
      + "\"identityPolicies\":[{\"name\":\"inline-1\",\"document\":{\"Version\":\"2012-10-17\",\"Statement\":[]}}],"
      + "\"permissionsBoundary\":null,\"sessionPolicy\":null,\"resourcePolicy\":null,"
      + "\"scps\":[[{\"name\":\"FullAWSAccess\",\"document\":{}}]],\"rcps\":[]}";

  @Test
  void readsTheDesignFormat() throws Exception {
    List<SimulateInput.Case> cs = SimulateInput.read(CASE, "in.json");
    assertThat(cs).hasSize(1);
    SimulateInput.Case c = cs.get(0);
    assertThat(c.request().context()).containsEntry("aws:TagKeys", List.of("team", "env")).containsEntry("n", List.of("5"))
        .containsEntry("b", List.of("true"));
    assertThat(c.policies().identityPolicies()).extracting(p -> p.name()).containsExactly("inline-1");
    assertThat(c.policies().scps()).hasSize(1);
    assertThat(c.policies().scps().get(0).get(0).document().statements()).isEmpty();
    assertThat(c.policies().rcps()).isEmpty();
  }

  @Test
  void readsAnArrayAndJsonLinesInOrderWithLines() throws Exception {
    String array = "[\n" + CASE + ",\n" + CASE.replace("s3:GetObject", "s3:PutObject") + "\n]";
    List<SimulateInput.Case> a = SimulateInput.read(array, "a.json");
    assertThat(a).extracting(c -> c.request().action()).containsExactly("s3:GetObject", "s3:PutObject");
    assertThat(a).extracting(SimulateInput.Case::line).containsExactly(2, 3);
    String lines = CASE + "\n" + CASE.replace("s3:GetObject", "s3:PutObject") + "\n\n" + CASE + "\n";
    List<SimulateInput.Case> l = SimulateInput.read(lines, "l.jsonl");
    assertThat(l).extracting(SimulateInput.Case::index).containsExactly(0, 1, 2);
    assertThat(l).extracting(SimulateInput.Case::line).containsExactly(1, 2, 4);
  }

  @Test
  void acceptsBareDocumentsSessionPolicyListsUnknownKeysAndFlags() throws Exception {
    String in = "{\"request\":{\"principal\":\"arn:aws:sts::1:assumed-role/R/s\",\"action\":\"kms:Decrypt\",\"unknownKeys\":[\"aws:ResourceTag/*\"]},"
        + "\"resourcePolicy\":{\"Version\":\"2012-10-17\",\"Statement\":[]},\"sessionPolicies\":[{\"Statement\":[]},{\"Statement\":[]}],"
        + "\"flags\":{\"kmsKey\":true,\"serviceLinkedRole\":true}}";
    SimulateInput.Case c = SimulateInput.read(in, "x.json").get(0);
    assertThat(c.request().resource()).isEqualTo("*");
    assertThat(c.request().unknownKeys()).containsExactly("aws:ResourceTag/*");
    assertThat(c.policies().resourcePolicy().name()).isEqualTo("resource-policy");
    assertThat(c.policies().sessionPolicies()).hasSize(2);
    assertThat(c.policies().flags().kmsKey()).isTrue();
    assertThat(c.policies().flags().serviceLinkedRole()).isTrue();
    assertThat(c.policies().flags().trustPolicy()).isNull();
  }

  @Test
  void errorsNameFileCaseLineAndPath() {
    String bad = "[\n" + CASE + ",\n" + CASE.replace("\"Statement\":[]", "\"Statement\":[{\"Effect\":\"Allow\"}]") + "\n]";
    assertThatThrownBy(() -> SimulateInput.read(bad, "in.json"))
        .isInstanceOf(SourceFormatException.class)
        .hasMessage("in.json at case[1] (line 3) at identityPolicies[0].document.Statement[0]: missing Action and NotAction (a statement needs one)");
  }

  @Test
  void requestErrors() {
    assertThatThrownBy(() -> SimulateInput.read("{\"request\":{\"action\":\"s3:GetObject\"}}", "in.json"))
        .hasMessage("in.json at case[0] (line 1) at request.principal: missing principal");
    assertThatThrownBy(() -> SimulateInput.read("{\"request\":{\"principal\":\"p\",\"action\":\"a:b\",\"ctx\":{}}}", "in.json"))
        .hasMessageContaining("at request.ctx: unknown field 'ctx'");
    assertThatThrownBy(() -> SimulateInput.read("{\"request\":{\"principal\":\"p\",\"action\":\"a:b\",\"context\":{\"k\":{\"x\":1}}}}", "in.json"))
        .hasMessageContaining("at request.context.k: expected a value or an array of values");
    assertThatThrownBy(() -> SimulateInput.read("{\"request\":{\"principal\":\"p\",\"action\":\"a:b\"},\"scps\":[{}]}", "in.json"))
        .hasMessageContaining("at scps[0]: a level must be an array of policies");
    assertThatThrownBy(() -> SimulateInput.read("{\"request\":{\"principal\":\"p\",\"action\":\"a:b\"},\"flags\":{\"kmsKey\":\"yes\"}}", "in.json"))
        .hasMessageContaining("at flags.kmsKey");
    assertThatThrownBy(() -> SimulateInput.read("{\"reqest\":{}}", "in.json"))
        .hasMessageContaining("at reqest: unknown field 'reqest'");
  }

  @Test
  void malformedJsonNamesTheLine() {
    assertThatThrownBy(() -> SimulateInput.read("[\n" + CASE + ",\n{\"request\": }\n]", "in.json"))
        .isInstanceOf(SourceFormatException.class)
        .hasMessageStartingWith("in.json at line 3, column");
    assertThatThrownBy(() -> SimulateInput.read("  ", "in.json")).hasMessageContaining("empty");
  }
}
