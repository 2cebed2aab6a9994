package io.github.trailbench.core.model.iam;

import java.util.Objects;

/**
 * A policy document kept as JSON text. The readers have checked it is a JSON object whose
 * {@code Statement} is an object or an array; the policy engine parses it further.
 *
 * @param json the document: for {@link Encoding#OBJECT} the exact text of the object as it
 *     appeared in the file; for the other encodings the decoded string
 * @param encoding how the document was written in the source file
 */
public record PolicyDocument(String json, Encoding encoding) {

  /** How a document appeared in its file. */
  public enum Encoding {
    /** A JSON object embedded in the file (AWS CLI output, manifests). */
    OBJECT,
    /** A string holding JSON ({@code aws s3api get-bucket-policy}, manifests). */
    JSON_STRING,
    /** A string holding RFC 3986 URL-encoded JSON (raw IAM API responses). */
    URL_ENCODED
  }

  public PolicyDocument {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(encoding, "encoding");
  }
}
