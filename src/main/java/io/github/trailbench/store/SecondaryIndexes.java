package io.github.trailbench.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The secondary indexes of the event tables, as created by the migrations. A bulk load into a
 * (nearly) empty case drops them and builds them again afterwards, which is faster than
 * maintaining them row by row; opening a case re-creates any that a killed import left missing.
 */
final class SecondaryIndexes {
  record Index(String name, String ddl) {}

  static final List<Index> ALL = List.of(
      new Index("EVENT_TIME_IDX", "CREATE INDEX IF NOT EXISTS event_time_idx ON event(event_time)"),
      new Index("EVENT_PRINCIPAL_IDX", "CREATE INDEX IF NOT EXISTS event_principal_idx ON event(principal, event_time)"),
      new Index("EVENT_NAME_IDX", "CREATE INDEX IF NOT EXISTS event_name_idx ON event(event_name, event_time)"),
      new Index("EVENT_SOURCE_IDX", "CREATE INDEX IF NOT EXISTS event_source_idx ON event(event_source, event_time)"),
      new Index("EVENT_ACCESS_KEY_IDX", "CREATE INDEX IF NOT EXISTS event_access_key_idx ON event(access_key, event_time)"),
      new Index("EVENT_SESSION_IDX", "CREATE INDEX IF NOT EXISTS event_session_idx ON event(session, event_time)"),
      new Index("EVENT_SOURCE_IP_IDX", "CREATE INDEX IF NOT EXISTS event_source_ip_idx ON event(source_ip, event_time)"),
      new Index("EVENT_ERROR_CODE_IDX", "CREATE INDEX IF NOT EXISTS event_error_code_idx ON event(error_code, event_time)"),
      new Index("EVENT_FACT_TERM_IDX", "CREATE INDEX IF NOT EXISTS event_fact_term_idx ON event_fact(term, event_row)"));

  private SecondaryIndexes() {}

  static void createMissing(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (Index i : ALL) {
        s.execute(i.ddl());
      }
    }
  }

  static void dropAll(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (Index i : ALL) {
        s.execute("DROP INDEX IF EXISTS " + i.name());
      }
    }
  }
}
