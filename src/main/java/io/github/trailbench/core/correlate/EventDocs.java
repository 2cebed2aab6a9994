package io.github.trailbench.core.correlate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.model.CloudTrailEvent;

/**
 * One event with its nested JSON documents parsed at most once, on first use. Not thread-safe;
 * create one per event being derived.
 */
public final class EventDocs {
  private final CloudTrailEvent event;
  private JsonNode request;
  private boolean requestParsed;
  private JsonNode response;
  private boolean responseParsed;
  private JsonNode additional;
  private boolean additionalParsed;
  private JsonNode tls;
  private boolean tlsParsed;

  public EventDocs(CloudTrailEvent event) {
    this.event = event;
  }

  public CloudTrailEvent event() {
    return event;
  }

  /** requestParameters, or null when absent. */
  public JsonNode request() {
    if (!requestParsed) {
      request = Json.parse(event.requestParametersJson());
      requestParsed = true;
    }
    return request;
  }

  /** responseElements, or null when absent. */
  public JsonNode response() {
    if (!responseParsed) {
      response = Json.parse(event.responseElementsJson());
      responseParsed = true;
    }
    return response;
  }

  /** additionalEventData, or null when absent. */
  public JsonNode additional() {
    if (!additionalParsed) {
      additional = Json.parse(event.additionalEventDataJson());
      additionalParsed = true;
    }
    return additional;
  }

  /** tlsDetails, or null when absent. */
  public JsonNode tls() {
    if (!tlsParsed) {
      tls = Json.parse(event.tlsDetailsJson());
      tlsParsed = true;
    }
    return tls;
  }

  /** A text field of requestParameters, null when absent or blank. */
  public String req(String field) {
    JsonNode r = request();
    return r == null ? null : Principals.text(r.get(field));
  }

  /** A text field of responseElements, null when absent or blank. */
  public String resp(String field) {
    JsonNode r = response();
    return r == null ? null : Principals.text(r.get(field));
  }
}
