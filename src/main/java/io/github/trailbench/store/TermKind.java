package io.github.trailbench.store;

import io.github.trailbench.core.query.Field;

/** Kinds of dictionary terms (column term.kind). Values are stored; never renumber. */
enum TermKind {
  ACCOUNT(1, "account"),
  EVENT_SOURCE(2, "event_source"),
  EVENT_NAME(3, "event_name"),
  REGION(4, "aws_region"),
  PRINCIPAL(5, "principal"),
  ACCESS_KEY(6, "access_key"),
  SESSION(7, "session"),
  IP(8, "source_ip"),
  USER_AGENT(9, "user_agent"),
  ERROR_CODE(10, "error_code"),
  IDENTITY_TYPE(11, "identity_type"),
  EVENT_TYPE(12, "event_type"),
  ACTION(13, null),
  RESOURCE(14, null);

  final int code;
  /** The event column holding this term, or null for multi-valued facts (event_fact). */
  final String column;

  TermKind(int code, String column) {
    this.code = code;
    this.column = column;
  }

  static TermKind of(Field f) {
    return switch (f) {
      case ACCOUNT -> ACCOUNT;
      case EVENT_SOURCE -> EVENT_SOURCE;
      case EVENT_NAME -> EVENT_NAME;
      case REGION -> REGION;
      case PRINCIPAL -> PRINCIPAL;
      case ACCESS_KEY -> ACCESS_KEY;
      case SESSION -> SESSION;
      case IP -> IP;
      case USER_AGENT -> USER_AGENT;
      case ERROR -> ERROR_CODE;
      case IDENTITY_TYPE -> IDENTITY_TYPE;
      case ACTION -> ACTION;
      case RESOURCE -> RESOURCE;
      default -> null;
    };
  }
}
