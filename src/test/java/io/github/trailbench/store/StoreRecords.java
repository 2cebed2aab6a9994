package io.github.trailbench.store;

import java.util.ArrayList;
import java.util.List;

/** Hand-made CloudTrail records for the store tests: every field the filters read is set explicitly. */
final class StoreRecords {
  private StoreRecords() {}

  static final String ACCOUNT_A = "111122223333";
  static final String ACCOUNT_B = "444455556666";

  /** One record; null fields are left out of the JSON. */
  static final class Rec {
    String id;
    String time;
    String source;
    String name;
    /** IAM user name; null: the record has no userIdentity. */
    String user;
    String accessKey;
    String ip;
    String userAgent;
    String error;
    Boolean readOnly;
    String account = ACCOUNT_A;
    String region = "us-east-1";
    /** JSON of requestParameters, or null. */
    String requestParameters;
    /** Resource ARNs listed in the record's resources array. */
    List<String> resources = new ArrayList<>();

    Rec(String id, String time, String source, String name) {
      this.id = id;
      this.time = time;
      this.source = source;
      this.name = name;
    }

    Rec user(String u, String key) {
      user = u;
      accessKey = key;
      return this;
    }

    Rec ip(String v) {
      ip = v;
      return this;
    }

    Rec userAgent(String v) {
      userAgent = v;
      return this;
    }

    Rec error(String v) {
      error = v;
      return this;
    }

    Rec readOnly(Boolean v) {
      readOnly = v;
      return this;
    }

    Rec account(String v) {
      account = v;
      return this;
    }

    Rec region(String v) {
      region = v;
      return this;
    }

    Rec params(String json) {
      requestParameters = json;
      return this;
    }

    Rec resource(String arn) {
      resources.add(arn);
      return this;
    }

    String json() {
      StringBuilder sb = new StringBuilder("{\"eventVersion\":\"1.09\"");
      if (user != null) {
        sb.append(",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDA").append(q(user.toUpperCase()))
            .append("\",\"arn\":\"arn:aws:iam::").append(account).append(":user/").append(q(user))
            .append("\",\"accountId\":\"").append(account).append('"');
        if (accessKey != null) {
          sb.append(",\"accessKeyId\":\"").append(q(accessKey)).append('"');
        }
        sb.append(",\"userName\":\"").append(q(user)).append("\"}");
      }
      sb.append(",\"eventTime\":\"").append(time).append('"');
      sb.append(",\"eventSource\":\"").append(q(source)).append('"');
      sb.append(",\"eventName\":\"").append(q(name)).append('"');
      sb.append(",\"awsRegion\":\"").append(q(region)).append('"');
      if (ip != null) {
        sb.append(",\"sourceIPAddress\":\"").append(q(ip)).append('"');
      }
      if (userAgent != null) {
        sb.append(",\"userAgent\":\"").append(q(userAgent)).append('"');
      }
      sb.append(",\"requestParameters\":").append(requestParameters == null ? "null" : requestParameters);
      sb.append(",\"responseElements\":null");
      if (error != null) {
        sb.append(",\"errorCode\":\"").append(q(error)).append("\",\"errorMessage\":\"denied\"");
      }
      sb.append(",\"eventID\":\"").append(q(id)).append('"');
      if (readOnly != null) {
        sb.append(",\"readOnly\":").append(readOnly);
      }
      if (!resources.isEmpty()) {
        sb.append(",\"resources\":[");
        for (int i = 0; i < resources.size(); i++) {
          sb.append(i == 0 ? "" : ",").append("{\"ARN\":\"").append(q(resources.get(i))).append("\"}");
        }
        sb.append(']');
      }
      sb.append(",\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"").append(account)
          .append("\"}");
      return sb.toString();
    }
  }

  static Rec rec(String id, String time, String source, String name) {
    return new Rec(id, time, source, name);
  }

  /** {"Records":[...]} of the records. */
  static String records(List<Rec> recs) {
    StringBuilder sb = new StringBuilder("{\"Records\":[");
    for (int i = 0; i < recs.size(); i++) {
      sb.append(i == 0 ? "\n" : ",\n").append(recs.get(i).json());
    }
    return sb.append("\n]}").toString();
  }

  private static String q(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
