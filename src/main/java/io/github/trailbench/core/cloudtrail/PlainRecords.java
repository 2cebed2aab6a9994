package io.github.trailbench.core.cloudtrail;

import io.github.trailbench.core.cloudtrail.EventObjectParser.Field;
import io.github.trailbench.core.cloudtrail.EventObjectParser.Result;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.EventResource;
import io.github.trailbench.core.model.InScopeOf;
import io.github.trailbench.core.model.SessionContext;
import io.github.trailbench.core.model.SessionIssuer;
import io.github.trailbench.core.model.UserIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast way through a plain CloudTrail file, the kind a trail delivers: its whole content, in
 * memory, read in one pass over the bytes, without a token stream or a String per key. It reads
 * only what it can read exactly as the streaming reader ({@link CloudTrailReader}, on Jackson)
 * does, and gives up on the whole file otherwise, so that the streaming reader, which gives every
 * rejected record and every syntax error its position and reason, reads it instead.
 *
 * <p>It gives up ({@link #read} returns null) on: a byte outside ASCII (UTF-8 is left to the
 * streaming reader to check), a control character in a string, an escape in a key, a key twice in
 * one object, a number longer than {@value #MAX_NUMBER} characters, nesting deeper than
 * {@value #MAX_DEPTH} levels, an object of more than {@value #MAX_KEYS} keys, anything that is not
 * JSON, and any record the streaming reader would reject (a field of the wrong type, a record over
 * the size limit, a missing time, source or name). Both readers build the event with
 * {@link EventObjectParser#build}.
 */
final class PlainRecords {
  static final int MAX_DEPTH = 64;
  static final int MAX_NUMBER = 100;
  static final int MAX_KEYS = 512;
  private static final int MAX_KEY_LENGTH = 1000;

  /** Thrown to give up; carries nothing (the streaming reader says what is wrong). */
  private static final class GiveUp extends Exception {
    private static final long serialVersionUID = 1L;

    GiveUp() {
      super(null, null, false, false);
    }
  }

  private static final GiveUp GIVE_UP = new GiveUp();

  // ---- the keys read, each with a code: a record's fields first (code = Field ordinal) --------

  private static final byte[][] NAMES;
  private static final int[] TABLE = new int[512];
  private static final Field[] FIELDS = Field.values();
  private static final int K_RECORDS;
  private static final int K_SESSION_CONTEXT;
  private static final int K_ON_BEHALF_OF;
  private static final int K_USER_ID;
  private static final int K_IDENTITY_STORE_ARN;
  private static final int K_IN_SCOPE_OF;
  private static final int K_ISSUER_TYPE;
  private static final int K_CREDENTIALS_ISSUED_TO;
  private static final int K_SESSION_ISSUER;
  private static final int K_ATTRIBUTES;
  private static final int K_MFA;
  private static final int K_CREATION_DATE;
  private static final int K_SOURCE_IDENTITY;
  private static final int K_EC2_ROLE_DELIVERY;
  private static final int K_ASSUMED_ROOT;
  private static final int K_WEB_ID;
  private static final int K_FEDERATED_PROVIDER;
  private static final int K_ARN_UPPER;
  private static final int K_ARN;
  private static final int K_ACCOUNT_ID;
  private static final int K_TYPE;
  /** By code: the slot of a userIdentity / sessionIssuer text field, or -1. */
  private static final int[] IDENTITY_SLOT;
  private static final int[] ISSUER_SLOT;

  static {
    Map<String, Integer> codes = new LinkedHashMap<>();
    for (Field f : FIELDS) {
      codes.put(f.json, f.ordinal());
    }
    for (String name : List.of("Records", "sessionContext", "onBehalfOf", "userId", "identityStoreArn", "inScopeOf",
        "issuerType", "credentialsIssuedTo", "sessionIssuer",
        "attributes", "mfaAuthenticated", "creationDate", "sourceIdentity", "ec2RoleDelivery", "assumedRoot",
        "webIdFederationData", "federatedProvider", "ARN", "arn", "accountId", "type")) {
      codes.putIfAbsent(name, codes.size());
    }
    EventObjectParser.IDENTITY_FIELDS.keySet().forEach(n -> codes.putIfAbsent(n, codes.size()));
    EventObjectParser.ISSUER_FIELDS.keySet().forEach(n -> codes.putIfAbsent(n, codes.size()));
    NAMES = new byte[codes.size()][];
    codes.forEach((name, code) -> {
      NAMES[code] = name.getBytes(StandardCharsets.US_ASCII);
      int i = name.hashCode() & (TABLE.length - 1); // an ASCII String's hash is the byte hash keyHash computes
      while (TABLE[i] != 0) {
        i = (i + 1) & (TABLE.length - 1);
      }
      TABLE[i] = code + 1;
    });
    K_RECORDS = codes.get("Records");
    K_SESSION_CONTEXT = codes.get("sessionContext");
    K_ON_BEHALF_OF = codes.get("onBehalfOf");
    K_USER_ID = codes.get("userId");
    K_IDENTITY_STORE_ARN = codes.get("identityStoreArn");
    K_IN_SCOPE_OF = codes.get("inScopeOf");
    K_ISSUER_TYPE = codes.get("issuerType");
    K_CREDENTIALS_ISSUED_TO = codes.get("credentialsIssuedTo");
    K_SESSION_ISSUER = codes.get("sessionIssuer");
    K_ATTRIBUTES = codes.get("attributes");
    K_MFA = codes.get("mfaAuthenticated");
    K_CREATION_DATE = codes.get("creationDate");
    K_SOURCE_IDENTITY = codes.get("sourceIdentity");
    K_EC2_ROLE_DELIVERY = codes.get("ec2RoleDelivery");
    K_ASSUMED_ROOT = codes.get("assumedRoot");
    K_WEB_ID = codes.get("webIdFederationData");
    K_FEDERATED_PROVIDER = codes.get("federatedProvider");
    K_ARN_UPPER = codes.get("ARN");
    K_ARN = codes.get("arn");
    K_ACCOUNT_ID = codes.get("accountId");
    K_TYPE = codes.get("type");
    IDENTITY_SLOT = slots(codes, EventObjectParser.IDENTITY_FIELDS);
    ISSUER_SLOT = slots(codes, EventObjectParser.ISSUER_FIELDS);
  }

  private static int[] slots(Map<String, Integer> codes, Map<String, Integer> fields) {
    int[] slot = new int[codes.size()];
    Arrays.fill(slot, -1);
    fields.forEach((name, s) -> slot[codes.get(name)] = s);
    return slot;
  }

  // ---- state ------------------------------------------------------------------------------------

  private final byte[] b;
  private final InputLimits limits;
  private final boolean rawText;
  private final boolean details;
  private final TextPool pool;
  private int pos;
  /** The key just read: where its text starts, its length, its hash. */
  private int keyStart;
  private int keyLength;
  private int keyHash;
  /** Whether the string just scanned held an escape. */
  private boolean escaped;
  /** Whether a string of the record being read holds {@link ReadEvent#CONSOLE_CREDENTIAL} (see {@link #endsWithConsoleCredential}). */
  private boolean console;
  /**
   * Per nesting depth, the keys of the object open there (for the duplicate check): open-addressed
   * tables whose slots are current when their stamp is the depth's generation.
   */
  private final int[][] keyStamps = new int[MAX_DEPTH + 2][];
  private final int[][] keyStarts = new int[MAX_DEPTH + 2][];
  private final int[][] keyLengths = new int[MAX_DEPTH + 2][];
  private final int[] generation = new int[MAX_DEPTH + 2];
  private final int[] keyCount = new int[MAX_DEPTH + 2];
  /** The top-level fields whose values repeat from record to record (not the ids and times). */
  private static final boolean[] REPEATING = new boolean[FIELDS.length];

  static {
    for (Field f : FIELDS) {
      REPEATING[f.ordinal()] = f != Field.EVENT_ID && f != Field.EVENT_TIME && f != Field.SHARED_EVENT_ID;
    }
  }

  /** Per top-level field, a few of its values read before (see {@link #repeated}). */
  private static final int REPEATS = 64;
  private final String[] repeats = new String[FIELDS.length * REPEATS];
  private final int[] repeatStarts = new int[FIELDS.length * REPEATS];
  private final int[] repeatLengths = new int[FIELDS.length * REPEATS];
  /** userIdentity values read before, by their exact bytes: a file's events repeat a few callers. */
  private final Map<Integer, SeenIdentity> identities = new HashMap<>();

  private record SeenIdentity(int start, int length, UserIdentity identity, boolean console, SeenIdentity next) {}

  private PlainRecords(byte[] content, InputLimits limits, boolean rawText, boolean details, TextPool pool) {
    this.b = content;
    this.limits = limits;
    this.rawText = rawText;
    this.details = details;
    this.pool = pool;
  }

  /**
   * The events of {@code content} (all of it, exactly as long as the file's content), a top-level
   * object holding them under {@code key} or (key null) a top-level array; null when this reader
   * gives up on the file. With {@code rawText}, each event holds its record's text; with
   * {@code details} false, no tlsDetails text (as {@link CloudTrailReader#withDetailTexts}).
   */
  static List<ReadEvent> read(byte[] content, String key, InputLimits limits, boolean rawText, boolean details) {
    return read(content, key, limits, rawText, details, new TextPool());
  }

  /** As {@link #read(byte[], String, InputLimits, boolean, boolean)}, the repeating values taken from {@code pool}. */
  static List<ReadEvent> read(byte[] content, String key, InputLimits limits, boolean rawText, boolean details,
      TextPool pool) {
    PlainRecords r = new PlainRecords(content, limits, rawText, details, pool);
    try {
      List<ReadEvent> events = new ArrayList<>();
      r.document(key, events);
      return events;
    } catch (GiveUp | ArrayIndexOutOfBoundsException e) {
      // an index past the end is the content ending early: not plain either
      return null;
    }
  }

  private void document(String key, List<ReadEvent> out) throws GiveUp {
    space();
    if (key == null) {
      records(2, out);
    } else {
      if (!key.equals("Records")) {
        throw GIVE_UP; // only the export's own key is known here
      }
      if (b[pos] != '{') {
        throw GIVE_UP;
      }
      boolean seen = false;
      beginObject(1);
      while (nextKey(1)) {
        if (code() == K_RECORDS) {
          seen = true;
          records(2, out);
        } else {
          value(2);
        }
      }
      if (!seen) {
        throw GIVE_UP;
      }
    }
    space();
    if (pos != b.length) {
      throw GIVE_UP;
    }
  }

  private void records(int depth, List<ReadEvent> out) throws GiveUp {
    if (b[pos] != '[') {
      throw GIVE_UP;
    }
    pos++;
    space();
    if (b[pos] == ']') {
      pos++;
      return;
    }
    while (true) {
      out.add(record(depth + 1, out.size() + 1));
      space();
      byte c = b[pos++];
      if (c == ']') {
        return;
      }
      if (c != ',') {
        throw GIVE_UP;
      }
      space();
    }
  }

  private ReadEvent record(int depth, int index) throws GiveUp {
    int start = pos;
    if (b[pos] != '{') {
      throw GIVE_UP;
    }
    String[] text = new String[Field.COUNT];
    Boolean[] bools = new Boolean[Field.COUNT];
    console = false;
    UserIdentity identity = null;
    List<EventResource> resources = List.of();
    beginObject(depth);
    while (nextKey(depth)) {
      int code = code();
      if (code < 0 || code >= FIELDS.length) {
        value(depth + 1);
        continue;
      }
      switch (FIELDS[code].read) {
        case TEXT -> text[code] = b[pos] == '"' && REPEATING[code] ? repeated(code) : text();
        case LENIENT_TEXT -> text[code] = b[pos] == '"' && REPEATING[code] ? repeated(code) : lenientText(depth + 1);
        case BOOL -> bools[code] = bool();
        case NESTED -> text[code] = nested(depth + 1);
        case DETAIL -> text[code] = details ? nested(depth + 1) : passOver(depth + 1);
        case IDENTITY -> identity = identity(depth + 1);
        case RESOURCES -> resources = resources(depth + 1);
        default -> throw new IllegalStateException(FIELDS[code].toString());
      }
    }
    int length = pos - start;
    if (length > limits.maxRecordBytes()) {
      throw GIVE_UP;
    }
    Result r = EventObjectParser.build(text, bools, identity, resources, null, null);
    if (r.needsDerivedId()) {
      r = r.withDerivedId(ascii(start, length));
    }
    if (r.problem() != null) {
      throw GIVE_UP;
    }
    CloudTrailEvent e = rawText ? CloudTrailReader.withRaw(r.event(), ascii(start, length)) : r.event();
    return new ReadEvent(e, index, start, length, true, console);
  }

  // ---- a record's values --------------------------------------------------------------------

  /** A string or null; anything else gives up (the streaming reader rejects the record). */
  private String text() throws GiveUp {
    byte c = b[pos];
    if (c == '"') {
      return string();
    }
    if (c == 'n') {
      literal(NULL);
      return null;
    }
    throw GIVE_UP;
  }

  /** A string, or null for null, an object or an array; a number or boolean gives up (its text is the parser's). */
  private String lenientText(int depth) throws GiveUp {
    byte c = b[pos];
    if (c == '"') {
      return string();
    }
    if (c == 'n') {
      literal(NULL);
      return null;
    }
    if (c == '{' || c == '[') {
      value(depth);
      return null;
    }
    throw GIVE_UP;
  }

  private Boolean bool() throws GiveUp {
    switch (b[pos]) {
      case 't':
        literal(TRUE);
        return Boolean.TRUE;
      case 'f':
        literal(FALSE);
        return Boolean.FALSE;
      case 'n':
        literal(NULL);
        return null;
      case '"':
        String s = string();
        if (!EventObjectParser.isBooleanText(s)) {
          throw GIVE_UP;
        }
        return EventObjectParser.booleanOfText(s);
      default:
        throw GIVE_UP;
    }
  }

  /**
   * A value's source text (a string's with its quotes), null for null; a number or boolean gives
   * up (where the streaming parser ends such a token is its own).
   */
  private String nested(int depth) throws GiveUp {
    byte c = b[pos];
    if (c == 'n') {
      literal(NULL);
      return null;
    }
    if (c != '{' && c != '[' && c != '"') {
      throw GIVE_UP;
    }
    int start = pos;
    value(depth);
    return ascii(start, pos - start);
  }

  private String passOver(int depth) throws GiveUp {
    value(depth);
    return null;
  }

  private UserIdentity identity(int depth) throws GiveUp {
    byte c = b[pos];
    if (c == 'n') {
      literal(NULL);
      return null;
    }
    if (c != '{') {
      throw GIVE_UP;
    }
    int start = pos;
    int prefix = Math.min(64, b.length - start);
    int h = 1;
    for (int i = start; i < start + prefix; i++) {
      h = 31 * h + b[i];
    }
    SeenIdentity first = identities.get(h);
    for (SeenIdentity s = first; s != null; s = s.next()) {
      // the same bytes from the same depth are the same valid value, ending at the same place
      if (start + s.length() <= b.length && Arrays.equals(b, start, start + s.length(), b, s.start(), s.start() + s.length())) {
        pos = start + s.length();
        console |= s.console();
        return s.identity();
      }
    }
    String[] values = new String[EventObjectParser.IDENTITY_FIELDS.size()];
    SessionContext sc = null;
    String onBehalfOf = null;
    InScopeOf inScopeOf = null;
    boolean consoleBefore = console;
    console = false;
    beginObject(depth);
    while (nextKey(depth)) {
      int code = code();
      int slot = code < 0 ? -1 : IDENTITY_SLOT[code];
      if (slot >= 0) {
        values[slot] = pool.of(lenientText(depth + 1));
      } else if (code == K_SESSION_CONTEXT) {
        sc = sessionContext(depth + 1);
      } else if (code == K_ON_BEHALF_OF && b[pos] == '{') {
        onBehalfOf = onBehalfOf(depth + 1);
      } else if (code == K_IN_SCOPE_OF && b[pos] == '{') {
        inScopeOf = inScopeOf(depth + 1);
      } else {
        value(depth + 1);
      }
    }
    UserIdentity read = EventObjectParser.identity(values, sc, onBehalfOf, inScopeOf);
    if (identities.size() < SeenIdentities.MAX_ENTRIES) {
      identities.put(h, new SeenIdentity(start, pos - start, read, console, first));
    }
    console |= consoleBefore;
    return read;
  }

  private String onBehalfOf(int depth) throws GiveUp {
    String userId = null;
    String store = null;
    beginObject(depth);
    while (nextKey(depth)) {
      int code = code();
      if (code == K_USER_ID && b[pos] == '"') {
        userId = string();
      } else if (code == K_IDENTITY_STORE_ARN && b[pos] == '"') {
        store = string();
      } else {
        value(depth + 1);
      }
    }
    return EventObjectParser.onBehalfOfUser(userId, store);
  }

  private InScopeOf inScopeOf(int depth) throws GiveUp {
    String issuerType = null;
    String issuedTo = null;
    beginObject(depth);
    while (nextKey(depth)) {
      int code = code();
      if (code == K_ISSUER_TYPE && b[pos] == '"') {
        issuerType = string();
      } else if (code == K_CREDENTIALS_ISSUED_TO && b[pos] == '"') {
        issuedTo = string();
      } else {
        value(depth + 1);
      }
    }
    return EventObjectParser.inScopeOf(issuerType, issuedTo);
  }

  private SessionContext sessionContext(int depth) throws GiveUp {
    if (b[pos] != '{') {
      value(depth);
      return null;
    }
    SessionIssuer issuer = null;
    Boolean mfa = null;
    Instant created = null;
    String sourceIdentity = null;
    String webIdProvider = null;
    String ec2RoleDelivery = null;
    boolean assumedRoot = false;
    beginObject(depth);
    while (nextKey(depth)) {
      int code = code();
      if (code == K_SESSION_ISSUER) {
        issuer = sessionIssuer(depth + 1);
      } else if (code == K_ATTRIBUTES && b[pos] == '{') {
        beginObject(depth + 1);
        while (nextKey(depth + 1)) {
          int a = code();
          if (a == K_MFA) {
            String s = lenientText(depth + 2);
            mfa = s == null ? null : Boolean.valueOf(s.equalsIgnoreCase("true"));
          } else if (a == K_CREATION_DATE) {
            String s = lenientText(depth + 2);
            created = s == null ? null : Times.parse(s);
          } else {
            value(depth + 2);
          }
        }
      } else if (code == K_SOURCE_IDENTITY) {
        sourceIdentity = lenientText(depth + 1);
      } else if (code == K_EC2_ROLE_DELIVERY) {
        ec2RoleDelivery = lenientText(depth + 1);
      } else if (code == K_ASSUMED_ROOT) {
        assumedRoot = "true".equalsIgnoreCase(lenientText(depth + 1));
      } else if (code == K_WEB_ID && b[pos] == '{') {
        beginObject(depth + 1);
        while (nextKey(depth + 1)) {
          if (code() == K_FEDERATED_PROVIDER) {
            webIdProvider = lenientText(depth + 2);
          } else {
            value(depth + 2);
          }
        }
      } else {
        value(depth + 1);
      }
    }
    return new SessionContext(issuer, mfa, created, sourceIdentity, webIdProvider, ec2RoleDelivery, assumedRoot);
  }

  private SessionIssuer sessionIssuer(int depth) throws GiveUp {
    if (b[pos] != '{') {
      value(depth);
      return null;
    }
    String[] values = new String[EventObjectParser.ISSUER_FIELDS.size()];
    beginObject(depth);
    while (nextKey(depth)) {
      int code = code();
      int slot = code < 0 ? -1 : ISSUER_SLOT[code];
      if (slot >= 0) {
        values[slot] = pool.of(lenientText(depth + 1));
      } else {
        value(depth + 1);
      }
    }
    return new SessionIssuer(values[0], values[1], values[2], values[3], values[4]);
  }

  private List<EventResource> resources(int depth) throws GiveUp {
    byte c = b[pos];
    if (c == 'n') {
      literal(NULL);
      return List.of();
    }
    if (c != '[') {
      throw GIVE_UP;
    }
    List<EventResource> out = new ArrayList<>(2);
    pos++;
    space();
    if (b[pos] == ']') {
      pos++;
      return out;
    }
    while (true) {
      if (b[pos] != '{') {
        value(depth + 1);
      } else {
        String arn = null;
        String accountId = null;
        String type = null;
        beginObject(depth + 1);
        while (nextKey(depth + 1)) {
          int code = code();
          if (code == K_ARN_UPPER || code == K_ARN) {
            arn = lenientText(depth + 2);
          } else if (code == K_ACCOUNT_ID) {
            accountId = lenientText(depth + 2);
          } else if (code == K_TYPE) {
            type = lenientText(depth + 2);
          } else {
            value(depth + 2);
          }
        }
        out.add(new EventResource(arn, accountId, type));
      }
      space();
      byte n = b[pos++];
      if (n == ']') {
        return out;
      }
      if (n != ',') {
        throw GIVE_UP;
      }
      space();
    }
  }

  // ---- JSON ---------------------------------------------------------------------------------

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  private void space() {
    while (pos < b.length) {
      byte c = b[pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  /** Any JSON value at {@code depth} (the top-level object is depth 1), checked and passed over. */
  private void value(int depth) throws GiveUp {
    switch (b[pos]) {
      case '{' -> {
        beginObject(depth);
        while (nextKey(depth)) {
          value(depth + 1);
        }
      }
      case '[' -> {
        if (depth > MAX_DEPTH) {
          throw GIVE_UP;
        }
        pos++;
        space();
        if (b[pos] == ']') {
          pos++;
          return;
        }
        while (true) {
          value(depth + 1);
          space();
          byte c = b[pos++];
          if (c == ']') {
            return;
          }
          if (c != ',') {
            throw GIVE_UP;
          }
          space();
        }
      }
      case '"' -> pos = scanString();
      case 't' -> literal(TRUE);
      case 'f' -> literal(FALSE);
      case 'n' -> literal(NULL);
      default -> number();
    }
  }

  private void literal(byte[] word) throws GiveUp {
    for (int i = 0; i < word.length; i++) {
      if (b[pos + i] != word[i]) {
        throw GIVE_UP;
      }
    }
    pos += word.length;
  }

  private void number() throws GiveUp {
    int i = pos;
    if (b[i] == '-') {
      i++;
    }
    if (b[i] == '0') {
      i++;
    } else if (b[i] >= '1' && b[i] <= '9') {
      i = digits(i + 1);
    } else {
      throw GIVE_UP;
    }
    if (i < b.length && b[i] == '.') {
      i = someDigits(i + 1);
    }
    if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (b[i] == '+' || b[i] == '-') {
        i++;
      }
      i = someDigits(i);
    }
    if (i - pos > MAX_NUMBER) {
      throw GIVE_UP;
    }
    pos = i;
  }

  private int digits(int i) {
    while (i < b.length && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i;
  }

  private int someDigits(int i) throws GiveUp {
    if (b[i] < '0' || b[i] > '9') {
      throw GIVE_UP;
    }
    return digits(i + 1);
  }

  /**
   * Checks the string whose opening quote is at {@code pos}; returns the index past its closing
   * quote and sets {@link #escaped}. A byte below 0x20 (a control character) or above 0x7f (Java's
   * bytes are signed: negative) gives up.
   */
  private int scanString() throws GiveUp {
    int i = pos + 1;
    boolean esc = false;
    while (true) {
      byte c = b[i];
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        esc = true;
        i = escape(i);
      } else if (c < 0x20) {
        throw GIVE_UP;
      } else {
        i++;
      }
    }
    if (i - pos > limits.maxRecordBytes()) {
      throw GIVE_UP;
    }
    escaped = esc;
    console |= endsWithConsoleCredential(pos + 1, i);
    return i + 1;
  }

  private static final byte[] CONSOLE_NAME = "sessionCredentialFromConsole".getBytes(StandardCharsets.US_ASCII);

  /**
   * Whether the string whose text (between its quotes) is {@code b[from, to)} puts the bytes of
   * {@link ReadEvent#CONSOLE_CREDENTIAL}, quotes included, into its record: in valid JSON only a
   * string whose text is {@code sessionCredentialFromConsole}, or ends with an escaped quote and
   * that name (a quote before the name closing a string cannot be followed by a letter; the quote
   * after it follows a letter, so it closes the string). So the streaming reader's search of the
   * record's bytes is answered by the strings read anyway.
   */
  private boolean endsWithConsoleCredential(int from, int to) {
    int n = CONSOLE_NAME.length;
    int length = to - from;
    if (length < n || b[to - 1] != 'e' || length > n && b[to - n - 1] != '"') {
      return false;
    }
    return Arrays.equals(b, to - n, to, CONSOLE_NAME, 0, n);
  }

  /** The index past the escape at {@code i} (a backslash). */
  private int escape(int i) throws GiveUp {
    switch (b[i + 1]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
        return i + 2;
      case 'u':
        for (int k = i + 2; k < i + 6; k++) {
          if (Character.digit(b[k], 16) < 0) {
            throw GIVE_UP;
          }
        }
        return i + 6;
      default:
        throw GIVE_UP;
    }
  }

  /** The string at {@code pos}, unescaped; {@code pos} moves past it. */
  private String string() throws GiveUp {
    int start = pos + 1;
    int end = scanString() - 1;
    pos = end + 1;
    if (!escaped) {
      return ascii(start, end - start);
    }
    StringBuilder s = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = (char) b[i];
      if (c != '\\') {
        s.append(c);
        continue;
      }
      char e = (char) b[++i];
      switch (e) {
        case 'b' -> s.append('\b');
        case 'f' -> s.append('\f');
        case 'n' -> s.append('\n');
        case 'r' -> s.append('\r');
        case 't' -> s.append('\t');
        case 'u' -> {
          s.append((char) Integer.parseInt(new String(b, i + 1, 4, StandardCharsets.US_ASCII), 16));
          i += 4;
        }
        default -> s.append(e); // " \ /
      }
    }
    return s.toString();
  }

  /**
   * The string at {@code pos} as a top-level field's value: the same String as an earlier record's
   * when the bytes are the same (a file repeats its sources, names, regions, addresses and agents),
   * which saves building it and makes the store's lookups of it an identity check.
   */
  private String repeated(int code) throws GiveUp {
    int start = pos + 1;
    int end = scanString() - 1;
    if (escaped) {
      return string();
    }
    pos = end + 1;
    int length = end - start;
    int h = length;
    for (int i = start; i < end; i++) {
      h = 31 * h + b[i];
    }
    int slot = code * REPEATS + (mix(h) & (REPEATS - 1));
    String seen = repeats[slot];
    if (seen != null && repeatLengths[slot] == length
        && Arrays.equals(b, repeatStarts[slot], repeatStarts[slot] + length, b, start, end)) {
      return seen;
    }
    String s = pool.of(ascii(start, length));
    repeats[slot] = s;
    repeatStarts[slot] = start;
    repeatLengths[slot] = length;
    return s;
  }

  private String ascii(int start, int length) {
    return new String(b, start, length, StandardCharsets.ISO_8859_1);
  }

  private void beginObject(int depth) throws GiveUp {
    if (depth > MAX_DEPTH) {
      throw GIVE_UP;
    }
    pos++; // the '{'
    keyCount[depth] = 0;
    if (++generation[depth] == 0) {
      generation[depth] = 1; // after 2^32 objects at this depth: no stale slot may look current
      if (keyStamps[depth] != null) {
        Arrays.fill(keyStamps[depth], 0);
      }
    }
  }

  /**
   * Moves to the next key of the object open at {@code depth}: true with the key read (checked
   * against the object's other keys) and {@code pos} at its value; false past the closing brace.
   */
  private boolean nextKey(int depth) throws GiveUp {
    space();
    byte c = b[pos];
    if (c == '}') {
      pos++;
      return false;
    }
    if (keyCount[depth] > 0) {
      if (c != ',') {
        throw GIVE_UP;
      }
      pos++;
      space();
      c = b[pos];
    }
    if (c != '"') {
      throw GIVE_UP;
    }
    int start = pos + 1;
    int h = 0;
    int i = start;
    while (true) {
      byte k = b[i];
      if (k == '"') {
        break;
      }
      if (k < 0x20 || k == '\\') {
        throw GIVE_UP; // a key with an escape could spell a key it does not look like
      }
      h = 31 * h + k;
      i++;
    }
    int length = i - start;
    console |= endsWithConsoleCredential(start, i);
    if (length > MAX_KEY_LENGTH) {
      throw GIVE_UP;
    }
    unique(depth, start, length, h);
    keyStart = start;
    keyLength = length;
    keyHash = h;
    pos = i + 1;
    space();
    if (b[pos] != ':') {
      throw GIVE_UP;
    }
    pos++;
    space();
    return true;
  }

  /**
   * Checks the key {@code b[start, start + length)} against the other keys of the object open at
   * {@code depth} (a table per depth, emptied by a new generation number), and adds it.
   */
  private void unique(int depth, int start, int length, int h) throws GiveUp {
    int[] stamps = keyStamps[depth];
    if (stamps == null) {
      stamps = keyStamps[depth] = new int[64];
      keyStarts[depth] = new int[64];
      keyLengths[depth] = new int[64];
    } else if (2 * (keyCount[depth] + 1) > stamps.length) {
      if (stamps.length == 2 * MAX_KEYS) {
        throw GIVE_UP;
      }
      grow(depth);
      stamps = keyStamps[depth];
    }
    int[] starts = keyStarts[depth];
    int[] lengths = keyLengths[depth];
    int g = generation[depth];
    int mask = stamps.length - 1;
    for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
      if (stamps[i] != g) {
        stamps[i] = g;
        starts[i] = start;
        lengths[i] = length;
        keyCount[depth]++;
        return;
      }
      if (lengths[i] == length && Arrays.equals(b, starts[i], starts[i] + length, b, start, start + length)) {
        throw GIVE_UP;
      }
    }
  }

  private static int mix(int h) {
    return h ^ (h >>> 7) ^ (h >>> 16);
  }

  private void grow(int depth) {
    int[] stamps = keyStamps[depth];
    int[] starts = keyStarts[depth];
    int[] lengths = keyLengths[depth];
    int g = generation[depth];
    int size = stamps.length * 2;
    int[] newStamps = new int[size];
    int[] newStarts = new int[size];
    int[] newLengths = new int[size];
    for (int j = 0; j < stamps.length; j++) {
      if (stamps[j] == g) {
        int h = 0;
        for (int k = starts[j]; k < starts[j] + lengths[j]; k++) {
          h = 31 * h + b[k];
        }
        int i = mix(h) & (size - 1);
        while (newStamps[i] == g) {
          i = (i + 1) & (size - 1);
        }
        newStamps[i] = g;
        newStarts[i] = starts[j];
        newLengths[i] = lengths[j];
      }
    }
    keyStamps[depth] = newStamps;
    keyStarts[depth] = newStarts;
    keyLengths[depth] = newLengths;
  }

  /** The code of the key just read, or -1 for a key not read here. */
  private int code() {
    int mask = TABLE.length - 1;
    for (int i = keyHash & mask; TABLE[i] != 0; i = (i + 1) & mask) {
      byte[] name = NAMES[TABLE[i] - 1];
      if (name.length == keyLength && Arrays.equals(b, keyStart, keyStart + keyLength, name, 0, keyLength)) {
        return TABLE[i] - 1;
      }
    }
    return -1;
  }
}
