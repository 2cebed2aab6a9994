package io.github.trailbench.core.cloudtrail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** One stored record's raw JSON turned back into an event (detections, explain). */
public final class CloudTrailRecords {
  private static final JsonFactory JSON = new JsonFactory();

  private CloudTrailRecords() {}

  /**
   * @param source names the record in errors (e.g. "event 5f0c… in case.mv.db")
   */
  public static CloudTrailEvent parse(String rawJson, String source) throws SourceFormatException {
    byte[] bytes = rawJson.getBytes(StandardCharsets.UTF_8);
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new SourceFormatException(new SourceProblem(source, "", "a CloudTrail record is a JSON object"));
      }
      EventObjectParser.Result r =
          EventObjectParser.parse(p, (s, e) -> new String(bytes, (int) s, (int) (e - s), StandardCharsets.UTF_8), rawJson)
              .withDerivedId(rawJson);
      if (r.event() == null) {
        throw new SourceFormatException(new SourceProblem(source, "", r.problem()));
      }
      return r.event();
    } catch (IOException e) {
      throw new SourceFormatException(new SourceProblem(source, "", "not JSON: " + e.getMessage()), e);
    }
  }
}
