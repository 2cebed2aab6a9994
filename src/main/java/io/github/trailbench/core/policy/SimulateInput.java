package io.github.trailbench.core.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.model.policy.ObjectOwnership;
import io.github.trailbench.core.model.policy.S3Acl;
import io.github.trailbench.core.model.policy.PolicyDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code trailbench simulate} input (docs/cli.md): one case object, a JSON array of cases,
 * or JSON lines (one case per line). Errors name the file, the case (0-based index and line)
 * and the JSON path inside the case.
 *
 * <p>Besides the basic fields, a case may carry {@code "sessionPolicies": [...]} (several
 * session policies), {@code "request.unknownKeys": [...]} (keys whose value is unknown; a
 * trailing {@code *} marks a prefix, e.g. {@code aws:ResourceTag/*}) and {@code "flags": {
 * "principalInManagementAccount", "serviceLinkedRole", "resourceInManagementAccount", "kmsKey",
 * "trustPolicy"}}. A policy may be given as {@code {"name", "document"}} or as a bare document.
 *
 * <p>S3 ACLs: {@code "acl"} is the ACL of the request's resource (a bucket's for a bucket ARN, an
 * object's for an object ARN) in the {@code get-bucket-acl} / {@code get-object-acl} JSON shape
 * ({@code Owner}, {@code Grants}) or as the REST XML text; {@code "bucketAcl"} the bucket's when the
 * resource is an object; {@code "objectOwnership"} {@code BucketOwnerEnforced} |
 * {@code BucketOwnerPreferred} | {@code ObjectWriter} (or the ownership-controls output);
 * {@code "accounts": [{"id", "canonicalUserId", "email"}]} what is known of accounts' ACL names.
 */
public final class SimulateInput {

  /** One case of the input. */
  public record Case(int index, int line, Request request, PolicySet policies) {}

  private static final Set<String> CASE_KEYS = Set.of("request", "identityPolicies", "permissionsBoundary", "sessionPolicy",
      "sessionPolicies", "resourcePolicy", "scps", "rcps", "flags", "name", "comment", "acl", "bucketAcl", "objectOwnership", "accounts");
  private static final Set<String> REQUEST_KEYS = Set.of("principal", "action", "resource", "resourceAccount", "context", "unknownKeys");
  private static final Set<String> FLAG_KEYS = Set.of("principalInManagementAccount", "serviceLinkedRole",
      "resourceInManagementAccount", "kmsKey", "trustPolicy");

  private SimulateInput() {}

  public static List<Case> read(Path file) throws IOException, SourceFormatException {
    return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Reads all cases of a text; {@code file} names it in messages. */
  public static List<Case> read(String text, String file) throws SourceFormatException {
    List<Case> out = new ArrayList<>();
    try (JsonParser p = PolicyParser.MAPPER.getFactory().createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new SourceFormatException(new SourceProblem(file, "line 1, column 1", "no cases: the file is empty"));
      }
      if (t == JsonToken.START_ARRAY) {
        int i = 0;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t == null) {
            throw new SourceFormatException(new SourceProblem(file, PolicyParser.position(p.currentLocation()), "unterminated array"));
          }
          int line = p.currentTokenLocation().getLineNr();
          JsonNode n = PolicyParser.MAPPER.readTree(p);
          out.add(parseCase(n, file, i++, line));
        }
        if (p.nextToken() != null) {
          throw new SourceFormatException(new SourceProblem(file, PolicyParser.position(p.currentTokenLocation()),
              "unexpected content after the array of cases"));
        }
      } else {
        int i = 0;
        while (t != null) {
          int line = p.currentTokenLocation().getLineNr();
          JsonNode n = PolicyParser.MAPPER.readTree(p);
          out.add(parseCase(n, file, i++, line));
          t = p.nextToken();
        }
      }
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      throw new SourceFormatException(new SourceProblem(file, PolicyParser.position(loc), "malformed JSON: " + e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new SourceFormatException(new SourceProblem(file, "", e.getMessage()), e);
    }
    return out;
  }

  /** Parses one case given as a JSON tree. */
  public static Case parseCase(JsonNode n, String file, int index, int line) throws SourceFormatException {
    return new CaseParser(file, "case[" + index + "] (line " + line + ")").parse(n, index, line);
  }

  private static final class CaseParser {
    final String file;
    final String where;

    CaseParser(String file, String where) {
      this.file = file;
      this.where = where;
    }

    SourceFormatException error(String path, String reason) {
      return new SourceFormatException(new SourceProblem(file, where + (path.isEmpty() ? "" : " at " + path), reason));
    }

    Case parse(JsonNode n, int index, int line) throws SourceFormatException {
      if (n == null || !n.isObject()) {
        throw error("", "a case must be a JSON object, found " + PolicyParser.kind(n));
      }
      checkKeys(n, CASE_KEYS, "");
      JsonNode r = n.get("request");
      if (r == null || !r.isObject()) {
        throw error("request", "missing request object");
      }
      checkKeys(r, REQUEST_KEYS, "request.");
      String principal = text(r, "principal", "request.principal", true);
      String action = text(r, "action", "request.action", true);
      String resource = text(r, "resource", "request.resource", false);
      String resourceAccount = text(r, "resourceAccount", "request.resourceAccount", false);
      Map<String, List<String>> context = new LinkedHashMap<>();
      JsonNode c = r.get("context");
      if (c != null && !c.isNull()) {
        if (!c.isObject()) {
          throw error("request.context", "context must be an object of key to value(s)");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          String path = "request.context." + e.getKey();
          JsonNode v = e.getValue();
          List<String> vals = new ArrayList<>();
          if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
              if (!v.get(i).isValueNode() || v.get(i).isNull()) {
                throw error(path + "[" + i + "]", "expected a string, number or boolean");
              }
              vals.add(v.get(i).asText());
            }
          } else if (v.isValueNode() && !v.isNull()) {
            vals.add(v.asText());
          } else {
            throw error(path, "expected a value or an array of values, found " + PolicyParser.kind(v));
          }
          context.put(e.getKey(), vals);
        }
      }
      Set<String> unknown = new LinkedHashSet<>();
      JsonNode u = r.get("unknownKeys");
      if (u != null && !u.isNull()) {
        if (!u.isArray()) {
          throw error("request.unknownKeys", "unknownKeys must be an array of key names");
        }
        for (int i = 0; i < u.size(); i++) {
          if (!u.get(i).isTextual()) {
            throw error("request.unknownKeys[" + i + "]", "expected a key name");
          }
          unknown.add(u.get(i).asText());
        }
      }
      Request request;
      try {
        request = new Request(principal, action, resource, resourceAccount, context, unknown);
      } catch (IllegalArgumentException e) {
        throw error("request", e.getMessage());
      }

      List<NamedPolicy> identity = policyList(n.get("identityPolicies"), "identityPolicies", "identity");
      NamedPolicy boundary = policy(n.get("permissionsBoundary"), "permissionsBoundary", "permissions-boundary");
      List<NamedPolicy> sessions = new ArrayList<>();
      JsonNode sp = n.get("sessionPolicy");
      if (sp != null && sp.isArray()) {
        sessions.addAll(policyList(sp, "sessionPolicy", "session"));
      } else {
        NamedPolicy s = policy(sp, "sessionPolicy", "session-policy");
        if (s != null) {
          sessions.add(s);
        }
      }
      sessions.addAll(policyList(n.get("sessionPolicies"), "sessionPolicies", "session"));
      NamedPolicy resourcePolicy = policy(n.get("resourcePolicy"), "resourcePolicy", "resource-policy");
      List<List<NamedPolicy>> scps = levels(n.get("scps"), "scps", "scp");
      List<List<NamedPolicy>> rcps = levels(n.get("rcps"), "rcps", "rcp");
      EvaluationFlags flags = flags(n.get("flags"));
      return new Case(index, line, request, new PolicySet(identity, boundary, sessions, resourcePolicy, scps, rcps, flags,
          s3Acl(n, resource)));
    }

    S3AclInput s3Acl(JsonNode n, String resource) throws SourceFormatException {
      if (!n.has("acl") && !n.has("bucketAcl") && !n.has("objectOwnership") && !n.has("accounts")) {
        return null;
      }
      boolean object = resource != null && !S3AclEvaluator.bucketOf(resource).equals(resource);
      S3Acl acl = acl(n.get("acl"), "acl");
      S3Acl bucketAcl = acl(n.get("bucketAcl"), "bucketAcl");
      if (bucketAcl != null && !object) {
        throw error("bucketAcl", "bucketAcl is for a request on an object; for a bucket ARN give its ACL as acl");
      }
      ObjectOwnership ownership = null;
      JsonNode o = n.get("objectOwnership");
      if (o != null && !o.isNull()) {
        try {
          ownership = S3AclReader.ownershipFromJson(o);
        } catch (S3AclFormatException e) {
          throw error("objectOwnership" + (e.where().isEmpty() ? "" : "." + e.where()), e.reason());
        }
      }
      Map<String, String> ids = new LinkedHashMap<>();
      Map<String, String> emails = new LinkedHashMap<>();
      JsonNode a = n.get("accounts");
      if (a != null && !a.isNull()) {
        if (!a.isArray()) {
          throw error("accounts", "accounts must be an array of {\"id\", \"canonicalUserId\", \"email\"}");
        }
        for (int i = 0; i < a.size(); i++) {
          String path = "accounts[" + i + "]";
          JsonNode e = a.get(i);
          if (!e.isObject()) {
            throw error(path, "expected an object {\"id\", \"canonicalUserId\", \"email\"}");
          }
          checkKeys(e, Set.of("id", "canonicalUserId", "email", "name"), path + ".");
          String id = text(e, "id", path + ".id", true);
          if (!id.matches("\\d{12}")) {
            throw error(path + ".id", "\"" + id + "\" is not an account id (12 digits)");
          }
          String cid = text(e, "canonicalUserId", path + ".canonicalUserId", false);
          String mail = text(e, "email", path + ".email", false);
          if (cid != null) {
            ids.put(id, cid);
          }
          if (mail != null) {
            emails.put(id, mail);
          }
        }
      }
      return new S3AclInput(object ? bucketAcl : acl, object ? acl : null, ownership, ids, emails);
    }

    S3Acl acl(JsonNode n, String path) throws SourceFormatException {
      if (n == null || n.isNull()) {
        return null;
      }
      try {
        if (n.isTextual() && S3AclReader.looksLikeXml(n.textValue())) {
          return S3AclReader.fromXml(n.textValue()).acl();
        }
        return S3AclReader.fromJson(n);
      } catch (S3AclFormatException e) {
        throw error(path + (e.where().isEmpty() ? "" : (e.where().startsWith("line") ? " " : ".") + e.where()), e.reason());
      }
    }

    void checkKeys(JsonNode n, Set<String> allowed, String prefix) throws SourceFormatException {
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!allowed.contains(k)) {
          throw error(prefix + k, "unknown field '" + k + "' (expected one of " + new java.util.TreeSet<>(allowed) + ")");
        }
      }
    }

    String text(JsonNode n, String key, String path, boolean required) throws SourceFormatException {
      JsonNode v = n.get(key);
      if (v == null || v.isNull()) {
        if (required) {
          throw error(path, "missing " + key);
        }
        return null;
      }
      if (!v.isTextual()) {
        throw error(path, key + " must be a string, found " + PolicyParser.kind(v));
      }
      return v.asText();
    }

    EvaluationFlags flags(JsonNode f) throws SourceFormatException {
      if (f == null || f.isNull()) {
        return EvaluationFlags.NONE;
      }
      if (!f.isObject()) {
        throw error("flags", "flags must be an object");
      }
      checkKeys(f, FLAG_KEYS, "flags.");
      return new EvaluationFlags(bool(f, "principalInManagementAccount"), bool(f, "serviceLinkedRole"),
          bool(f, "resourceInManagementAccount"), optBool(f, "kmsKey"), optBool(f, "trustPolicy"));
    }

    boolean bool(JsonNode f, String k) throws SourceFormatException {
      Boolean b = optBool(f, k);
      return b != null && b;
    }

    Boolean optBool(JsonNode f, String k) throws SourceFormatException {
      JsonNode v = f.get(k);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isBoolean()) {
        throw error("flags." + k, k + " must be true or false");
      }
      return v.asBoolean();
    }

    List<List<NamedPolicy>> levels(JsonNode n, String path, String base) throws SourceFormatException {
      List<List<NamedPolicy>> out = new ArrayList<>();
      if (n == null || n.isNull()) {
        return out;
      }
      if (!n.isArray()) {
        throw error(path, path + " must be an array of levels (root first), each an array of policies");
      }
      for (int i = 0; i < n.size(); i++) {
        JsonNode level = n.get(i);
        if (!level.isArray()) {
          throw error(path + "[" + i + "]", "a level must be an array of policies");
        }
        out.add(policyList(level, path + "[" + i + "]", base + "-" + (i + 1)));
      }
      return out;
    }

    List<NamedPolicy> policyList(JsonNode n, String path, String base) throws SourceFormatException {
      List<NamedPolicy> out = new ArrayList<>();
      if (n == null || n.isNull()) {
        return out;
      }
      if (!n.isArray()) {
        throw error(path, path + " must be an array of policies");
      }
      for (int i = 0; i < n.size(); i++) {
        NamedPolicy p = policy(n.get(i), path + "[" + i + "]", base + "-" + (i + 1));
        if (p == null) {
          throw error(path + "[" + i + "]", "null policy");
        }
        out.add(p);
      }
      return out;
    }

    NamedPolicy policy(JsonNode n, String path, String defaultName) throws SourceFormatException {
      if (n == null || n.isNull()) {
        return null;
      }
      if (!n.isObject()) {
        throw error(path, "a policy must be an object {\"name\", \"document\"} or a policy document");
      }
      String name = defaultName;
      JsonNode doc = n;
      String docPath = path;
      if (n.has("document")) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
          String k = it.next();
          if (!k.equals("name") && !k.equals("document") && !k.equals("arn")) {
            throw error(path + "." + k, "unknown field '" + k + "' (expected name, document)");
          }
        }
        if (n.has("name")) {
          if (!n.get("name").isTextual()) {
            throw error(path + ".name", "name must be a string");
          }
          name = n.get("name").asText();
        }
        doc = n.get("document");
        docPath = path + ".document";
      }
      PolicyDocument d;
      try {
        d = PolicyParser.parse(doc, file, docPath);
      } catch (SourceFormatException e) {
        SourceProblem sp = e.problem();
        throw new SourceFormatException(new SourceProblem(file, where + " at " + sp.position(), sp.reason()), e);
      }
      return new NamedPolicy(name, d);
    }
  }
}
