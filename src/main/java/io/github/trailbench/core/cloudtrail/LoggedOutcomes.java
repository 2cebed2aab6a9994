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

  /**
   * The error of a batch call logged without an errorCode that did nothing because every item it
   * named failed, or null. AWS answers such calls with success and lists the failed items:
   * <ul>
   *   <li>GuardDuty's member calls (DeleteMembers, DisassociateMembers, CreateMembers…): every
   *       requested account ({@code accountIds}, or {@code accountDetails[].accountId}) among the
   *       response's {@code unprocessedAccounts} ("The accounts that could not be processed"):
   *       {@code UnprocessedAccounts};
   *   <li>EC2's DeleteFlowLogs: every flow log id of the request among the {@code resourceId}s of the
   *       response's {@code unsuccessful} items ("Information about the flow logs that could not be
   *       deleted successfully"), read wherever the log's rendering of the EC2 response nests them:
   *       the first item's {@code error.code}.
   * </ul>
   * A call with one item done is not a failure.
   */
  static String batchFailure(String eventSource, String eventName, String requestParameters, String responseElements) {
    if (responseElements == null || requestParameters == null) {
      return null;
    }
    if ("guardduty.amazonaws.com".equals(eventSource) && responseElements.contains("\"unprocessedAccounts\"")) {
      JsonNode request = tree(requestParameters);
      JsonNode response = tree(responseElements);
      if (request == null || response == null) {
        return null;
      }
      java.util.Set<String> asked = new java.util.HashSet<>();
      request.path("accountIds").forEach(a -> addText(asked, a));
      request.path("accountDetails").forEach(a -> addText(asked, a.path("accountId")));
      java.util.Set<String> unprocessed = new java.util.HashSet<>();
      response.path("unprocessedAccounts").forEach(a -> addText(unprocessed, a.path("accountId")));
      return !asked.isEmpty() && unprocessed.containsAll(asked) ? "UnprocessedAccounts" : null;
    }
    if ("ec2.amazonaws.com".equals(eventSource) && "DeleteFlowLogs".equals(eventName)
        && responseElements.contains("\"unsuccessful\"")) {
      JsonNode request = tree(requestParameters);
      JsonNode response = tree(responseElements);
      if (request == null || response == null) {
        return null;
      }
      java.util.Set<String> asked = new java.util.HashSet<>();
      for (JsonNode ids : request.findValues("FlowLogId")) {
        ids(asked, ids);
      }
      for (JsonNode ids : request.findValues("flowLogIds")) {
        ids(asked, ids);
      }
      java.util.Set<String> failed = new java.util.HashSet<>();
      String code = null;
      for (JsonNode unsuccessful : response.findValues("unsuccessful")) {
        for (JsonNode id : unsuccessful.findValues("resourceId")) {
          addText(failed, id);
        }
        for (JsonNode c : unsuccessful.findValues("code")) {
          if (code == null && c.isTextual() && !c.asText().isBlank()) {
            code = c.asText();
          }
        }
      }
      return !asked.isEmpty() && failed.containsAll(asked) ? (code != null ? code : "Unsuccessful") : null;
    }
    return null;
  }

  /** The ids of a request field: a string, {"content": id} (EC2's rendering), or an array of them. */
  private static void ids(java.util.Set<String> into, JsonNode v) {
    if (v.isArray() || v.isObject() && v.has("item")) {
      (v.isArray() ? v : v.path("item")).forEach(x -> ids(into, x));
    } else if (v.isObject()) {
      addText(into, v.path("content"));
    } else {
      addText(into, v);
    }
  }

  private static void addText(java.util.Set<String> into, JsonNode v) {
    if (v != null && v.isTextual() && !v.asText().isBlank()) {
      into.add(v.asText());
    }
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
