package io.github.trailbench.core.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The duplicate-key check holds when a tree is read through the parser (the Lake rows are): Jackson's
 * tree reader moves on with {@code nextFieldName()}, which must go through the same check and the
 * same nesting as {@code nextToken()}.
 */
class UniqueKeysParserTreeTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonParser parser(String json) throws Exception {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return new UniqueKeysParser(new JsonFactory().createParser(b), at -> at >= 0 && at < b.length ? b[(int) at] & 0xff : -1);
  }

  @Test
  void aTreeWithTheSameKeyAtTwoLevelsReadsWhole() throws Exception {
    try (JsonParser p = parser("{\"a\":{\"x\":1,\"y\":[{\"x\":3}]},\"x\":2,\"y\":4}")) {
      JsonNode n = MAPPER.readTree(p);
      assertThat(n.get("x").asInt()).isEqualTo(2);
      assertThat(n.get("a").get("x").asInt()).isEqualTo(1);
    }
  }

  @Test
  void aDuplicateKeyInATreeIsRejected() throws Exception {
    try (JsonParser p = parser("{\"a\":{\"x\":1,\"x\":2}}")) {
      assertThatThrownBy(() -> MAPPER.readTree(p)).isInstanceOf(JsonParseException.class).hasMessageContaining("Duplicate field 'x'");
    }
  }

  @Test
  void afterATreeTheNextObjectsAreCheckedAtTheirOwnLevel() throws Exception {
    try (JsonParser p = parser("[{\"r\":{\"x\":1},\"x\":2},{\"k\":1,\"k\":2}]")) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      MAPPER.readTree(p);
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
      p.nextToken();
      assertThatThrownBy(p::nextToken).isInstanceOf(JsonParseException.class).hasMessageContaining("Duplicate field 'k'");
    }
  }

  @Test
  void movingOnByFieldNamesIsCheckedToo() throws Exception {
    try (JsonParser p = parser("{\"o\":{\"k\":1},\"k\":1,\"k\":2}")) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      assertThat(p.nextFieldName()).isEqualTo("o");
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      assertThat(p.nextFieldName()).isEqualTo("k");
      assertThat(p.nextIntValue(-1)).isEqualTo(1);
      assertThat(p.nextFieldName()).as("the inner object ends").isNull();
      assertThat(p.nextFieldName()).as("no false duplicate across levels").isEqualTo("k");
      assertThat(p.nextIntValue(-1)).isEqualTo(1);
      assertThatThrownBy(p::nextFieldName).isInstanceOf(JsonParseException.class).hasMessageContaining("Duplicate field 'k'");
    }
  }
}
