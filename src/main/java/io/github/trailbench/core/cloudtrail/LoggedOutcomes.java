package io.github.trailbench.core.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What CloudTrail logs outside the usual fields. A console sign-in that failed has no
 * {@code errorCode}: its {@code responseElements} say {@code "ConsoleLogin": "Failure"} (or
 * {@code SwitchRole}, {@code CheckMfa}) and its {@code errorMessage} why ("Failed
 * authentication"). An Insights event names the service and call it is about in
 * {@code insightDetails}, not at the top level.
 */
final class LoggedOutcomes {
  private static final ObjectMapper JSON = new ObjectMapper();
  // console sign-in (responseElements) and IAM Identity Center sign-in steps (serviceEventDetails)
  private static final String[] SIGN_IN_STEPS = {"ConsoleLogin", "CheckMfa", "SwitchRole", "CredentialChallenge",
      "CredentialVerification", "UserAuthentication"};

  private LoggedOutcomes() {}

  /**
   * The error a failed sign-in step stands for: its errorMessage, else "STEP failure"; null when
   * the response reports no failure. A failed role switch reads "SwitchRole failure" whatever its
   * message, so that it counts as refused.
   */
  static String signInFailure(String responseElements, String errorMessage) {
    if (responseElements == null || !responseElements.contains("Failure")) {
      return null;
    }
    JsonNode response = tree(responseElements);
    for (String step : SIGN_IN_STEPS) {
      if (response != null && "Failure".equals(response.path(step).asText(null))) {
        if (step.equals("SwitchRole")) {
          return "SwitchRole failure";
        }
        return errorMessage != null && !errorMessage.isBlank() ? errorMessage : step + " failure";
      }
    }
    return null;
  }

  /** An Insights event's insightDetails as a tree, or null when it is not a JSON object. */
  static JsonNode insightDetails(String insightDetails) {
    return tree(insightDetails);
  }

  /** A text field of insightDetails, or null. */
  static String insightField(JsonNode details, String field) {
    JsonNode value = details == null ? null : details.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }

  private static JsonNode tree(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      return n != null && n.isObject() ? n : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
