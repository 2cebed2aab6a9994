package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseTemplateTest {
  @TempDir Path dir;

  /** Every table and column with its type, and the schema history's versions: what a case's schema is. */
  private static List<String> schema(CaseStore store) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = store.connection(); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS"
          + " WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
        while (rs.next()) {
          rows.add(rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT INDEX_NAME, TABLE_NAME FROM INFORMATION_SCHEMA.INDEXES"
          + " WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY INDEX_NAME")) {
        while (rs.next()) {
          rows.add("index " + rs.getString(1) + " on " + rs.getString(2));
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"")) {
        while (rs.next()) {
          rows.add("migration " + rs.getString(1) + " " + rs.getBoolean(2));
        }
      }
    }
    return rows;
  }

  @Test
  void aCaseCopiedFromTheTemplateHasTheSchemaTheMigrationsMake() throws Exception {
    Path made = dir.resolve("template");
    CaseTemplate.main(new String[] {made.toString()});
    Path template = made.resolve("io/github/trailbench/store").resolve(CaseTemplate.RESOURCE);
    assertThat(template).isRegularFile();

    Path copied = dir.resolve("copied");
    Files.createDirectories(copied);
    Files.copy(template, copied.resolve(CaseStore.DB_NAME + ".mv.db"));
    try (CaseStore fromTemplate = CaseStore.open(copied); CaseStore migrated = CaseStore.openByMigrations(dir.resolve("migrated"))) {
      List<String> expected = schema(migrated);
      assertThat(expected).anyMatch(r -> r.equals("migration " + CaseStore.SCHEMA_VERSION + " true"));
      assertThat(schema(fromTemplate)).isEqualTo(expected);
    }
  }

  @Test
  void aNewCaseIsACopyOfTheTemplateTheBuildMadeNotANewMigrationRun() throws Exception {
    // the build (Maven's process-classes) puts the template beside this class
    assertThat(CaseTemplate.class.getResource(CaseTemplate.RESOURCE)).isNotNull();
    java.sql.Timestamp before = new java.sql.Timestamp(System.currentTimeMillis() - 1000);

    try (CaseStore store = CaseStore.open(dir.resolve("new")); Connection c = store.connection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT MAX(\"installed_on\"), MAX(\"version\") FROM \"flyway_schema_history\"")) {
      rs.next();
      assertThat(rs.getTimestamp(1)).as("the migrations ran when the template was made, not now").isBefore(before);
    }
    assertThat(dir.resolve("new/case.mv.db.template")).doesNotExist();
  }
}
