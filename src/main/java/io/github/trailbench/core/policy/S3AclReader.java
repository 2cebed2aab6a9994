package io.github.trailbench.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.model.policy.AclGrant;
import io.github.trailbench.core.model.policy.AclGrantee;
import io.github.trailbench.core.model.policy.AclGroup;
import io.github.trailbench.core.model.policy.AclPermission;
import io.github.trailbench.core.model.policy.ObjectOwnership;
import io.github.trailbench.core.model.policy.S3Acl;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads S3 access control lists in the three shapes AWS prints them: the JSON of {@code aws s3api
 * get-bucket-acl} / {@code get-object-acl} ({@code Owner}, {@code Grants}), the REST API's XML
 * {@code AccessControlPolicy}, and {@code get-bucket-ownership-controls}. The XML is read with the
 * JDK's StAX parser with DTDs and external entities switched off, and a document that carries a
 * DOCTYPE at all is refused: an ACL never needs one, and an entity declaration is how XXE starts.
 */
public final class S3AclReader {
  /** The processing instruction that names an XML file's bucket or object: {@code <?trailbench s3-acl/v1 resourceArn="…"?>}. */
  public static final String XML_ENVELOPE_TARGET = "trailbench";
  private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z][A-Za-z0-9]*)\\s*=\\s*\"([^\"]*)\"");

  private S3AclReader() {}

  // ------------------------------------------------------------------ JSON

  /** An ACL from the {@code get-bucket-acl} / {@code get-object-acl} JSON ({@code Owner}, {@code Grants}). */
  public static S3Acl fromJson(JsonNode n) throws S3AclFormatException {
    if (n == null || !n.isObject()) {
      throw new S3AclFormatException("", "an ACL is a JSON object with Owner and Grants (the output of get-bucket-acl or get-object-acl), found "
          + PolicyParser.kind(n));
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("Owner") && !f.equals("Grants") && !f.equals("RequestCharged")) {
        throw new S3AclFormatException(f, "unknown field of an ACL (expected Owner and Grants)");
      }
    }
    String ownerId = null;
    String ownerName = null;
    JsonNode owner = n.get("Owner");
    if (owner != null && !owner.isNull()) {
      if (!owner.isObject()) {
        throw new S3AclFormatException("Owner", "expected an object with ID, found " + PolicyParser.kind(owner));
      }
      ownerId = optText(owner, "ID", "Owner.ID");
      ownerName = optText(owner, "DisplayName", "Owner.DisplayName");
    }
    JsonNode grants = n.get("Grants");
    if (grants == null || !grants.isArray()) {
      throw new S3AclFormatException("Grants", grants == null ? "missing: an ACL lists its Grants (an empty list is allowed)"
          : "expected an array, found " + PolicyParser.kind(grants));
    }
    List<AclGrant> out = new ArrayList<>();
    for (int i = 0; i < grants.size(); i++) {
      String path = "Grants[" + i + "]";
      JsonNode g = grants.get(i);
      if (!g.isObject()) {
        throw new S3AclFormatException(path, "expected an object with Grantee and Permission, found " + PolicyParser.kind(g));
      }
      JsonNode grantee = g.get("Grantee");
      if (grantee == null || !grantee.isObject()) {
        throw new S3AclFormatException(path + ".Grantee", "missing grantee object");
      }
      String type = optText(grantee, "Type", path + ".Grantee.Type");
      AclGrantee who = grantee(type, optText(grantee, "ID", path + ".Grantee.ID"), optText(grantee, "DisplayName", path + ".Grantee.DisplayName"),
          optText(grantee, "URI", path + ".Grantee.URI"), optText(grantee, "EmailAddress", path + ".Grantee.EmailAddress"), path + ".Grantee");
      String permission = optText(g, "Permission", path + ".Permission");
      out.add(new AclGrant(who, permission(permission, path + ".Permission")));
    }
    return new S3Acl(ownerId, ownerName, out);
  }

  /**
   * The Object Ownership setting from {@code get-bucket-ownership-controls} output
   * ({@code {"OwnershipControls": {"Rules": [{"ObjectOwnership": "…"}]}}}), its inner
   * {@code OwnershipControls} object, or the bare value as a string.
   */
  public static ObjectOwnership ownershipFromJson(JsonNode n) throws S3AclFormatException {
    if (n != null && n.isTextual()) {
      return ownership(n.textValue(), "");
    }
    if (n == null || !n.isObject()) {
      throw new S3AclFormatException("", "expected the output of get-bucket-ownership-controls or one of BucketOwnerEnforced, "
          + "BucketOwnerPreferred, ObjectWriter, found " + PolicyParser.kind(n));
    }
    String prefix = "";
    JsonNode controls = n;
    if (n.has("OwnershipControls")) {
      controls = n.get("OwnershipControls");
      prefix = "OwnershipControls.";
    }
    JsonNode rules = controls.get("Rules");
    if (rules == null || !rules.isArray() || rules.size() != 1) {
      throw new S3AclFormatException(prefix + "Rules", "expected an array of exactly one rule with ObjectOwnership (S3 allows one)");
    }
    JsonNode value = rules.get(0).get("ObjectOwnership");
    if (value == null || !value.isTextual()) {
      throw new S3AclFormatException(prefix + "Rules[0].ObjectOwnership", "missing string");
    }
    return ownership(value.textValue(), prefix + "Rules[0].ObjectOwnership");
  }

  static ObjectOwnership ownership(String value, String where) throws S3AclFormatException {
    return ObjectOwnership.of(value).orElseThrow(() -> new S3AclFormatException(where,
        "unknown Object Ownership \"" + value + "\" (expected BucketOwnerEnforced, BucketOwnerPreferred or ObjectWriter)"));
  }

  private static String optText(JsonNode n, String field, String path) throws S3AclFormatException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new S3AclFormatException(path, "expected a string, found " + PolicyParser.kind(v));
    }
    return v.textValue();
  }

  private static AclGrantee grantee(String type, String id, String name, String uri, String email, String where)
      throws S3AclFormatException {
    if (type == null) {
      type = id != null ? "CanonicalUser" : uri != null ? "Group" : email != null ? "AmazonCustomerByEmail" : null;
    }
    if (type == null) {
      throw new S3AclFormatException(where, "a grantee has a Type (CanonicalUser, Group or AmazonCustomerByEmail) and its ID, URI or EmailAddress");
    }
    switch (type) {
      case "CanonicalUser":
        if (id == null || id.isBlank()) {
          throw new S3AclFormatException(where + ".ID", "a CanonicalUser grantee needs its canonical user ID");
        }
        return new AclGrantee.CanonicalUser(id.strip(), name);
      case "Group": {
        if (uri == null) {
          throw new S3AclFormatException(where + ".URI", "a Group grantee needs its URI");
        }
        Optional<AclGroup> g = AclGroup.ofUri(uri);
        if (g.isEmpty()) {
          throw new S3AclFormatException(where + ".URI", "unknown group URI \"" + uri + "\" (S3 knows "
              + AclGroup.ALL_USERS.uri() + ", " + AclGroup.AUTHENTICATED_USERS.uri() + " and " + AclGroup.LOG_DELIVERY.uri() + ")");
        }
        return new AclGrantee.Group(g.get());
      }
      case "AmazonCustomerByEmail":
        if (email == null || !email.contains("@")) {
          throw new S3AclFormatException(where + ".EmailAddress", "an AmazonCustomerByEmail grantee needs an e-mail address");
        }
        return new AclGrantee.Email(email.strip());
      default:
        throw new S3AclFormatException(where + ".Type", "unknown grantee type \"" + type + "\" (expected CanonicalUser, Group or AmazonCustomerByEmail)");
    }
  }

  private static AclPermission permission(String p, String where) throws S3AclFormatException {
    if (p == null) {
      throw new S3AclFormatException(where, "missing permission");
    }
    return AclPermission.of(p).orElseThrow(() -> new S3AclFormatException(where,
        "unknown permission \"" + p + "\" (expected READ, WRITE, READ_ACP, WRITE_ACP or FULL_CONTROL)"));
  }

  // ------------------------------------------------------------------ XML

  /**
   * An XML {@code AccessControlPolicy} document read whole, with the attributes of its
   * {@code <?trailbench …?>} processing instruction (empty when there is none).
   */
  public record XmlAcl(S3Acl acl, String envelopeVersion, Map<String, String> envelope) {
    public XmlAcl {
      envelope = Map.copyOf(envelope);
    }
  }

  private static final class Elem {
    final String name;
    final String xsiType;
    final int line;
    final int column;
    final StringBuilder text = new StringBuilder();
    final List<Elem> children = new ArrayList<>();

    Elem(String name, String xsiType, Location at) {
      this.name = name;
      this.xsiType = xsiType;
      this.line = at.getLineNumber();
      this.column = at.getColumnNumber();
    }

    String where() {
      return "line " + line + ", column " + column + " (<" + name + ">)";
    }

    Elem child(String n) {
      for (Elem c : children) {
        if (c.name.equals(n)) {
          return c;
        }
      }
      return null;
    }

    String childText(String n) {
      Elem c = child(n);
      return c == null ? null : c.text.toString().strip();
    }
  }

  /** True when the text looks like an XML document (after a byte-order mark and whitespace). */
  public static boolean looksLikeXml(String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return t.stripLeading().startsWith("<");
  }

  /** Reads an XML AccessControlPolicy; positions in errors are {@code line L, column C}. */
  public static XmlAcl fromXml(String text) throws S3AclFormatException {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    trySet(f, XMLConstants.ACCESS_EXTERNAL_DTD, "");
    trySet(f, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    String version = null;
    Map<String, String> envelope = new LinkedHashMap<>();
    Elem root = null;
    List<Elem> stack = new ArrayList<>();
    XMLStreamReader r = null;
    try {
      r = f.createXMLStreamReader(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text));
      while (r.hasNext()) {
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.DTD:
            throw new S3AclFormatException(where(r.getLocation()), "a DOCTYPE is not allowed in an ACL document (DTDs and external entities are refused)");
          case XMLStreamConstants.ENTITY_REFERENCE:
            throw new S3AclFormatException(where(r.getLocation()), "entity reference &" + r.getLocalName() + "; is not allowed (DTDs and external entities are refused)");
          case XMLStreamConstants.PROCESSING_INSTRUCTION:
            if (XML_ENVELOPE_TARGET.equals(r.getPITarget())) {
              if (root != null || version != null) {
                throw new S3AclFormatException(where(r.getLocation()), "the <?trailbench …?> instruction comes once, before <AccessControlPolicy>");
              }
              String data = r.getPIData() == null ? "" : r.getPIData().strip();
              int space = data.indexOf(' ');
              version = space < 0 ? data : data.substring(0, space);
              Matcher m = ATTRIBUTE.matcher(space < 0 ? "" : data.substring(space));
              while (m.find()) {
                envelope.put(m.group(1), m.group(2));
              }
            }
            break;
          case XMLStreamConstants.START_ELEMENT: {
            String type = r.getAttributeValue(XSI, "type");
            Elem e = new Elem(r.getLocalName(), type, r.getLocation());
            if (stack.isEmpty()) {
              if (root != null) {
                throw new S3AclFormatException(where(r.getLocation()), "a second top-level element");
              }
              root = e;
            } else {
              stack.get(stack.size() - 1).children.add(e);
            }
            stack.add(e);
            break;
          }
          case XMLStreamConstants.CHARACTERS:
          case XMLStreamConstants.CDATA:
            if (!stack.isEmpty()) {
              stack.get(stack.size() - 1).text.append(r.getText());
            }
            break;
          case XMLStreamConstants.END_ELEMENT:
            stack.remove(stack.size() - 1);
            break;
          default:
            break;
        }
      }
    } catch (XMLStreamException e) {
      String msg = e.getMessage() == null ? "malformed XML" : e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "");
      throw new S3AclFormatException(e.getLocation() == null ? "" : where(e.getLocation()), "malformed XML: " + msg.strip());
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // reading from a String: nothing to release
        }
      }
    }
    if (root == null) {
      throw new S3AclFormatException("line 1, column 1", "no XML element");
    }
    if (!root.name.equals("AccessControlPolicy")) {
      throw new S3AclFormatException(root.where(), "expected <AccessControlPolicy>, found <" + root.name + ">");
    }
    Elem owner = root.child("Owner");
    String ownerId = owner == null ? null : owner.childText("ID");
    String ownerName = owner == null ? null : owner.childText("DisplayName");
    Elem list = root.child("AccessControlList");
    if (list == null) {
      throw new S3AclFormatException(root.where(), "missing <AccessControlList>");
    }
    List<AclGrant> grants = new ArrayList<>();
    for (Elem g : list.children) {
      if (!g.name.equals("Grant")) {
        throw new S3AclFormatException(g.where(), "expected <Grant>, found <" + g.name + ">");
      }
      Elem grantee = g.child("Grantee");
      if (grantee == null) {
        throw new S3AclFormatException(g.where(), "missing <Grantee>");
      }
      AclGrantee who = grantee(grantee.xsiType, grantee.childText("ID"), grantee.childText("DisplayName"), grantee.childText("URI"),
          grantee.childText("EmailAddress"), grantee.where());
      Elem p = g.child("Permission");
      grants.add(new AclGrant(who, permission(p == null ? null : p.text.toString().strip(), p == null ? g.where() : p.where())));
    }
    return new XmlAcl(new S3Acl(ownerId, ownerName, grants), version, envelope);
  }

  private static void trySet(XMLInputFactory f, String property, Object value) {
    try {
      f.setProperty(property, value);
    } catch (IllegalArgumentException ignored) {
      // not every StAX implementation knows the JAXP access properties; DTDs are off anyway
    }
  }

  private static String where(Location l) {
    return "line " + l.getLineNumber() + ", column " + l.getColumnNumber();
  }
}
