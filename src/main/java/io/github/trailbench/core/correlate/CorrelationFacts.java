package io.github.trailbench.core.correlate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.InScopeOf;
import io.github.trailbench.core.model.SessionContext;
import io.github.trailbench.core.model.SessionIssuer;
import io.github.trailbench.core.model.UserIdentity;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * What the principal graph ({@link PrincipalGraphBuilder}) and the session graph
 * ({@link SessionGraphBuilder}) read of an event beyond the values a case keeps in columns (time,
 * source, name, region, source address, error code, account, event id): the parsed
 * {@code userIdentity}, whether the raw record mentions console credentials, the time below the
 * millisecond, and for the successful STS calls that issue or assume credentials the few request
 * and response values those builders read. A case stores them per event at import (one text,
 * shared by every event with the same facts), so both graphs are built without reading raw records.
 *
 * <p>{@link #event} rebuilds an event that both builders treat exactly like the record it came
 * from. Identity Center users are the exception: their principal is read from the raw record's
 * {@code onBehalfOf}, so {@link #needsRawRecord} is true and such events are read whole, as are
 * console role switches (the role is in {@code additionalEventData}). A
 * successful CreateAccessKey keeps the key it made and its user, as an STS call keeps its own.
 */
public record CorrelationFacts(
    UserIdentity identity, boolean consoleCredential, int nanosBelowMilli, String requestJson, String responseJson,
    boolean needsRawRecord) {

  private static final String VERSION = "c1";
  /** The raw record an event rebuilt from facts carries when its source mentioned console credentials. */
  static final String CONSOLE_MARK = "{" + io.github.trailbench.core.cloudtrail.ReadEvent.CONSOLE_CREDENTIAL + ":true}";

  /** The facts of {@code e}; {@code consoleCredential}: whether its raw record mentions console credentials. */
  public static CorrelationFacts of(CloudTrailEvent e, boolean consoleCredential) {
    UserIdentity u = e.userIdentity();
    boolean docs = keepsDocuments(e);
    return new CorrelationFacts(u, consoleCredential, e.eventTime() == null ? 0 : e.eventTime().getNano() % 1_000_000,
        docs ? reduce(e.requestParametersJson(), false) : null, docs ? reduce(e.responseElementsJson(), true) : null,
        u != null && PrincipalType.of(u.type()) == PrincipalType.IDENTITY_CENTER_USER
            || PrincipalGraphBuilder.consoleRoleSwitch(e));
  }

  /**
   * Whether the facts of {@code e} keep parts of its request and response: the STS calls
   * ({@link #readsStsDocuments}) and a successful CreateAccessKey (the key it made and its user).
   */
  public static boolean keepsDocuments(CloudTrailEvent e) {
    return readsStsDocuments(e) || SessionGraphBuilder.createdKey(e) != null;
  }

  /** The STS calls whose request parameters or response elements the builders read. */
  public static boolean readsStsDocuments(CloudTrailEvent e) {
    String name = e.eventName();
    return !e.failed() && name != null
        && (name.startsWith("AssumeRole") || "sts.amazonaws.com".equals(e.eventSource()) && SessionOrigin.ofStsCall(name) != null);
  }

  /**
   * The event the builders see: the columns' values with these facts. {@code time} is whole
   * milliseconds (as columns keep it); the facts add what lies below.
   */
  public CloudTrailEvent event(String eventId, long timeMillis, String eventSource, String eventName, String awsRegion,
      String sourceIp, String errorCode, String recipientAccountId) {
    Instant time = Instant.ofEpochMilli(timeMillis).plusNanos(nanosBelowMilli);
    return new CloudTrailEvent(eventId, null, time, eventSource, eventName, awsRegion, sourceIp, null, errorCode, null, null,
        null, null, null, recipientAccountId, null, null, identity, List.of(), requestJson, responseJson, null, null,
        consoleCredential ? CONSOLE_MARK : null);
  }

  /**
   * Only the values the builders read of a request or response document, each kept as it was; a
   * document that is not a readable JSON object is kept whole (it is read the same way again).
   */
  static String reduce(String json, boolean response) {
    if (json == null) {
      return null;
    }
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      return json;
    }
    if (n == null || !n.isObject()) {
      return json;
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    if (response) {
      keepPart(n, out, "credentials", "accessKeyId", "expiration");
      keepPart(n, out, "assumedRoleUser", "arn");
      keepPart(n, out, "federatedUser", "arn");
      keep(n, out, "sourceIdentity");
      keepPart(n, out, "accessKey", "accessKeyId", "userName");
    } else {
      keep(n, out, "userName");
      keep(n, out, "roleArn");
      keep(n, out, "roleSessionName");
      keep(n, out, "sourceIdentity");
      keep(n, out, "targetPrincipal");
      keepPart(n, out, "taskPolicyArn", "arn");
    }
    return out.toString();
  }

  private static void keep(JsonNode from, ObjectNode to, String field) {
    if (from.has(field)) {
      to.set(field, from.get(field));
    }
  }

  /** The named fields of an object member; a member that is not an object is kept whole. */
  private static void keepPart(JsonNode from, ObjectNode to, String member, String... fields) {
    JsonNode m = from.get(member);
    if (m == null) {
      return;
    }
    if (!m.isObject()) {
      to.set(member, m);
      return;
    }
    ObjectNode part = to.putObject(member);
    for (String f : fields) {
      keep(m, part, f);
    }
  }

  // ---- text form: fields in a fixed order, each "-" (null) or its length, ':' and the text ----

  public String encode() {
    StringBuilder b = new StringBuilder(256).append(VERSION);
    b.append(consoleCredential ? 'c' : '.').append(needsRawRecord ? 'r' : '.');
    put(b, nanosBelowMilli == 0 ? null : Integer.toString(nanosBelowMilli));
    UserIdentity u = identity;
    if (u == null) {
      b.append('N');
    } else {
      b.append('U');
      for (String s : new String[] {u.type(), u.principalId(), u.arn(), u.accountId(), u.accessKeyId(), u.userName(),
          u.invokedBy(), u.identityProvider()}) {
        put(b, s);
      }
      SessionContext sc = u.sessionContext();
      if (sc == null) {
        b.append('N');
      } else {
        b.append('S');
        SessionIssuer i = sc.sessionIssuer();
        if (i == null) {
          b.append('N');
        } else {
          b.append('I');
          for (String s : new String[] {i.type(), i.principalId(), i.arn(), i.accountId(), i.userName()}) {
            put(b, s);
          }
        }
        b.append(sc.mfaAuthenticated() == null ? '-' : sc.mfaAuthenticated() ? 't' : 'f');
        put(b, sc.creationDate() == null ? null : sc.creationDate().toString());
        put(b, sc.sourceIdentity());
        put(b, sc.webIdFederationProvider());
        put(b, sc.ec2RoleDelivery());
        if (sc.assumedRoot()) {
          b.append('R'); // after the fields facts written before it had: those still read
        }
      }
      if (u.inScopeOf() != null) {
        // a letter where facts written before it have a document's length or '-': those still read
        b.append('W');
        put(b, u.inScopeOf().issuerType());
        put(b, u.inScopeOf().credentialsIssuedTo());
      }
    }
    put(b, requestJson);
    put(b, responseJson);
    return b.toString();
  }

  private static void put(StringBuilder b, String s) {
    if (s == null) {
      b.append('-');
    } else {
      b.append(s.length()).append(':').append(s);
    }
  }

  /** Reads {@link #encode}'s text; an IllegalArgumentException when it is not such a text. */
  public static CorrelationFacts decode(String text) {
    try {
      Reader r = new Reader(text);
      if (!text.startsWith(VERSION)) {
        throw new IllegalArgumentException("not correlation facts " + VERSION);
      }
      r.at = VERSION.length();
      boolean console = r.flag('c');
      boolean raw = r.flag('r');
      String nanos = r.string();
      UserIdentity u = null;
      if (r.next() == 'U') {
        String[] v = r.strings(8);
        SessionContext sc = null;
        if (r.next() == 'S') {
          SessionIssuer issuer = null;
          if (r.next() == 'I') {
            String[] i = r.strings(5);
            issuer = new SessionIssuer(i[0], i[1], i[2], i[3], i[4]);
          }
          char mfa = r.next();
          String created = r.string();
          Instant createdAt = created == null ? null : instant(created);
          String source = r.string(), provider = r.string(), delivery = r.string();
          boolean assumedRoot = r.at < text.length() && text.charAt(r.at) == 'R';
          if (assumedRoot) {
            r.at++;
          }
          sc = new SessionContext(issuer, mfa == '-' ? null : Boolean.valueOf(mfa == 't'), createdAt, source, provider,
              delivery, assumedRoot);
        }
        InScopeOf inScopeOf = null;
        if (r.at < text.length() && text.charAt(r.at) == 'W') {
          r.at++;
          String issuerType = r.string();
          inScopeOf = new InScopeOf(issuerType, r.string());
        }
        u = new UserIdentity(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], sc, null, inScopeOf);
      }
      String req = r.string();
      String resp = r.string();
      if (r.at != text.length()) {
        throw new IllegalArgumentException("text after the facts");
      }
      return new CorrelationFacts(u, console, nanos == null ? 0 : Integer.parseInt(nanos), req, resp, raw);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unreadable correlation facts: " + e.getMessage(), e);
    }
  }

  /** {@link Instant#parse}'s instant, by {@link io.github.trailbench.core.cloudtrail.Times#wholeSecondUtc} when it can. */
  static Instant instant(String text) {
    Instant wholeSecond = io.github.trailbench.core.cloudtrail.Times.wholeSecondUtc(text, false);
    return wholeSecond != null ? wholeSecond : Instant.parse(text);
  }

  private static final class Reader {
    final String text;
    int at;

    Reader(String text) {
      this.text = text;
    }

    char next() {
      return text.charAt(at++);
    }

    boolean flag(char set) {
      return next() == set;
    }

    String[] strings(int n) {
      String[] out = new String[n];
      for (int k = 0; k < n; k++) {
        out[k] = string();
      }
      return out;
    }

    String string() {
      if (text.charAt(at) == '-') {
        at++;
        return null;
      }
      int colon = text.indexOf(':', at);
      int len = Integer.parseInt(text, at, colon, 10);
      at = colon + 1 + len;
      return text.substring(colon + 1, at);
    }
  }
}
