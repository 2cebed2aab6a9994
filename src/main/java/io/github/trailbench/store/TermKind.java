package io.github.trailbench.store;

import io.github.trailbench.core.query.Field;

/** Kinds of dictionary terms. Codes (term chunks) and columns (event block layout) are stored; never renumber. */
enum TermKind {
  ACCOUNT(1, 0),
  EVENT_SOURCE(2, 1),
  EVENT_NAME(3, 2),
  REGION(4, 3),
  PRINCIPAL(5, 4),
  ACCESS_KEY(6, 5),
  SESSION(7, 6),
  IP(8, 7),
  USER_AGENT(9, 8),
  ERROR_CODE(10, 9),
  IDENTITY_TYPE(11, 10),
  EVENT_TYPE(12, 11),
  ACTION(13, -1),
  RESOURCE(14, -1),
  /** An event's correlation facts ({@code core.correlate.CorrelationFacts}, encoded): never a filter field. */
  CORRELATION(15, 12),
  /** The Identity Center user an identity-enhanced session acts for ({@code userIdentity.onBehalfOf}). */
  ON_BEHALF_OF(16, -1);

  final int code;
  /** The event block's term column holding this kind (EventBlock.TERM_COLUMNS), or -1 for multi-valued facts. */
  final int column;

  TermKind(int code, int column) {
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
      case EVENT_TYPE -> EVENT_TYPE;
      case ACTION -> ACTION;
      case RESOURCE -> RESOURCE;
      case ON_BEHALF_OF -> ON_BEHALF_OF;
      default -> null;
    };
  }
}
