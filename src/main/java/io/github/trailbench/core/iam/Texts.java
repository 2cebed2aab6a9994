package io.github.trailbench.core.iam;

import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/** Bytes of an input file to text: UTF-8, or UTF-16 when a byte-order mark says so (PowerShell's {@code >}). */
final class Texts {
  private Texts() {}

  static String decode(String file, byte[] content) throws SourceFormatException {
    if (content == null || content.length == 0) {
      throw new SourceFormatException(new SourceProblem(file, "byte 0", "the file is empty"));
    }
    int skip = 0;
    Charset charset = StandardCharsets.UTF_8;
    if (content.length >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb && (content[2] & 0xff) == 0xbf) {
      skip = 3;
    } else if (content.length >= 2 && (content[0] & 0xff) == 0xff && (content[1] & 0xff) == 0xfe) {
      skip = 2;
      charset = StandardCharsets.UTF_16LE;
    } else if (content.length >= 2 && (content[0] & 0xff) == 0xfe && (content[1] & 0xff) == 0xff) {
      skip = 2;
      charset = StandardCharsets.UTF_16BE;
    }
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(content, skip, content.length - skip);
    try {
      String text = decoder.decode(in).toString();
      if (text.isBlank()) {
        throw new SourceFormatException(new SourceProblem(file, "byte 0", "the file is empty (only whitespace)"));
      }
      return text;
    } catch (MalformedInputException e) {
      throw new SourceFormatException(new SourceProblem(file, "byte " + in.position(), "not " + charset.name() + " text"), e);
    } catch (CharacterCodingException e) {
      throw new SourceFormatException(new SourceProblem(file, "byte " + in.position(), "not " + charset.name() + " text: " + e), e);
    }
  }

  /** Decode without failing, for content detection. */
  static String decodeLenient(byte[] content) {
    if (content == null) {
      return "";
    }
    if (content.length >= 2 && (content[0] & 0xff) == 0xff && (content[1] & 0xff) == 0xfe) {
      return new String(content, 2, content.length - 2, StandardCharsets.UTF_16LE);
    }
    if (content.length >= 2 && (content[0] & 0xff) == 0xfe && (content[1] & 0xff) == 0xff) {
      return new String(content, 2, content.length - 2, StandardCharsets.UTF_16BE);
    }
    String s = new String(content, StandardCharsets.UTF_8);
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }
}
