package io.github.trailbench.core.correlate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.cloudtrail.CloudTrailRecords;
import io.github.trailbench.core.model.CloudTrailEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The bundled sample's CloudTrail records, read straight from its export tree (file order). */
final class SampleEvents {
  private SampleEvents() {}

  static List<CloudTrailEvent> read() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<CloudTrailEvent> events = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("samples/case/AWSLogs/111122223333/CloudTrail"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList()) {
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(f))) {
          for (JsonNode r : json.readTree(in).path("Records")) {
            events.add(CloudTrailRecords.parse(r.toString(), f.toString()));
          }
        }
      }
    }
    return events;
  }
}
