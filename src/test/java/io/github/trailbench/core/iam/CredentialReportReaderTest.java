package io.github.trailbench.core.iam;

import static io.github.trailbench.core.iam.IamFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.model.iam.AccessKeyStatus;
import io.github.trailbench.core.model.iam.CredentialReport;
import io.github.trailbench.core.model.iam.CredentialReportRow;
import io.github.trailbench.core.model.iam.IamSourceKind;
import io.github.trailbench.core.model.iam.NoValue;
import io.github.trailbench.core.model.iam.ReportValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialReportReaderTest {
  private static final String FILE = "credential-report.csv";
  private static final IamSourceKind KIND = IamSourceKind.CREDENTIAL_REPORT;

  private static String good() {
    return IamFixtures.text(FILE);
  }

  @Test
  void readsEveryColumnOfAGoodReport() throws Exception {
    CredentialReport report = IamFixtures.read(KIND, FILE);

    assertThat(report.file()).isEqualTo(FILE);
    assertThat(report.header()).hasSize(22);
    assertThat(report.rows()).extracting(CredentialReportRow::user)
        .containsExactly("<root_account>", "alice", "ci-deployer", "bob");

    CredentialReportRow root = report.root().orElseThrow();
    assertThat(root.row()).isEqualTo(2);
    assertThat(root.arn()).isEqualTo("arn:aws:iam::111122223333:root");
    assertThat(root.userCreationTime().value()).contains(Instant.parse("2019-04-02T09:14:27Z"));
    assertThat(root.passwordEnabled()).isEqualTo(ReportValue.absent(NoValue.NOT_SUPPORTED));
    assertThat(root.passwordLastUsed().value()).contains(Instant.parse("2026-11-20T22:41:03Z"));
    assertThat(root.passwordLastChanged().noValue()).contains(NoValue.NOT_SUPPORTED);
    assertThat(root.passwordNextRotation().noValue()).contains(NoValue.NOT_SUPPORTED);
    assertThat(root.mfaActive().value()).contains(true);
    assertThat(root.accessKey1().isActive()).isFalse();
    assertThat(root.accessKey1().lastRotated().noValue()).contains(NoValue.NOT_APPLICABLE);
    assertThat(root.activeAccessKeys()).isZero();

    CredentialReportRow alice = report.rows().get(1);
    assertThat(alice.isRoot()).isFalse();
    assertThat(alice.passwordEnabled().value()).contains(true);
    assertThat(alice.passwordNextRotation().noValue()).contains(NoValue.NOT_APPLICABLE);
    AccessKeyStatus key1 = alice.accessKey(1);
    assertThat(key1.slot()).isEqualTo(1);
    assertThat(key1.isActive()).isTrue();
    assertThat(key1.lastRotated().value()).contains(Instant.parse("2025-02-10T12:00:00Z"));
    assertThat(key1.lastUsedDate().value()).contains(Instant.parse("2026-11-22T21:17:00Z"));
    assertThat(key1.lastUsedRegion().value()).contains("eu-west-1");
    assertThat(key1.lastUsedService().value()).contains("s3");
    AccessKeyStatus key2 = alice.accessKey(2);
    assertThat(key2.isActive()).isFalse();
    assertThat(key2.exists()).isFalse();
    assertThat(key2.lastUsedDate().noValue()).contains(NoValue.NOT_APPLICABLE);

    CredentialReportRow ci = report.rows().get(2);
    assertThat(ci.arn()).isEqualTo("arn:aws:iam::111122223333:user/automation/ci-deployer");
    assertThat(ci.passwordEnabled().value()).contains(false);
    assertThat(ci.passwordLastUsed().noValue()).contains(NoValue.NOT_APPLICABLE);
    assertThat(ci.activeAccessKeys()).isEqualTo(2);
    assertThat(ci.accessKey2().lastUsedDate().noValue()).as("second key active, never used").contains(NoValue.NOT_APPLICABLE);

    CredentialReportRow bob = report.rows().get(3);
    assertThat(bob.row()).isEqualTo(5);
    assertThat(bob.passwordLastUsed()).isEqualTo(ReportValue.absent(NoValue.NO_INFORMATION));
    assertThat(bob.passwordNextRotation().value()).contains(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(bob.cert1().active().value()).contains(true);
    assertThat(bob.cert1().lastRotated().value()).contains(Instant.parse("2021-01-01T00:00:00Z"));
    assertThat(bob.cert2().active().value()).contains(false);
    assertThat(bob.extraColumns()).isEmpty();
  }

  @Test
  void detectsTheReportByContentNotByName() {
    assertThat(IamSources.detect("download (3).txt", IamFixtures.bytes(FILE))).contains(KIND);
    assertThat(IamSources.detect("credential-report.csv", "a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void acceptsReorderedColumnsQuotedCellsExtraColumnsAndLfLineEnds() throws Exception {
    String text = "arn,user,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,"
        + "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
        + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"
        + "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated,future_column\n"
        + "\"arn:aws:iam::111122223333:user/dana\",\"dana\",2024-01-01T00:00:00Z,TRUE,2024-02-01T00:00:00.123+02:00,N/A,N/A,false,"
        + "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A,\"x, y\"\n";
    CredentialReport report = (CredentialReport) IamSources.read(KIND, "reordered.csv", text.getBytes(StandardCharsets.UTF_8));
    CredentialReportRow dana = report.rows().get(0);
    assertThat(dana.user()).isEqualTo("dana");
    assertThat(dana.passwordEnabled().value()).contains(true);
    assertThat(dana.passwordLastUsed().value()).contains(Instant.parse("2024-01-31T22:00:00.123Z"));
    assertThat(dana.extraColumns()).containsEntry("future_column", "x, y");
  }

  @Test
  void readsAUtf16ReportSavedByPowerShell() throws Exception {
    byte[] utf16 = good().getBytes(StandardCharsets.UTF_16LE);
    byte[] withBom = new byte[utf16.length + 2];
    withBom[0] = (byte) 0xff;
    withBom[1] = (byte) 0xfe;
    System.arraycopy(utf16, 0, withBom, 2, utf16.length);
    assertThat(IamSources.detect("report.csv", withBom)).contains(KIND);
    CredentialReport report = (CredentialReport) IamSources.read(KIND, "report.csv", withBom);
    assertThat(report.rows()).hasSize(4);
  }

  @Test
  void refusesAnEmptyFile() {
    SourceProblem p = refused(KIND, "empty.csv", "");
    assertThat(p.position()).isEqualTo("byte 0");
    assertThat(p.reason()).contains("empty");
    assertThat(refused(KIND, "blank.csv", "\n\n").reason()).contains("empty");
  }

  @Test
  void refusesAMissingColumnNamingIt() {
    String text = good().replace(",mfa_active,", ",mfa,");
    SourceProblem p = refused(KIND, "no-mfa.csv", text);
    assertThat(p.position()).startsWith("row 1");
    assertThat(p.reason()).contains("missing column mfa_active");
  }

  @Test
  void refusesARowWithTheWrongNumberOfCells() {
    String text = good().replace("us-west-2,ec2,false,", "us-west-2,ec2,");
    SourceProblem p = refused(KIND, "short-row.csv", text);
    assertThat(p.position()).isEqualTo("row 5 (line 5)");
    assertThat(p.reason()).contains("21 cells").contains("header has 22");
  }

  @Test
  void refusesAnUnparseableDateWithRowAndColumn() {
    String text = good().replace("2026-09-01T10:11:12+00:00", "01/09/2026 10:11");
    SourceProblem p = refused(KIND, "bad-date.csv", text);
    assertThat(p.position()).isEqualTo("row 3 (line 3), column 6 (password_last_changed)");
    assertThat(p.reason()).contains("unparseable date \"01/09/2026 10:11\"");
  }

  @Test
  void refusesAnUnparseableBoolean() {
    String text = good().replace("<root_account>,arn:aws:iam::111122223333:root,2019-04-02T09:14:27+00:00,not_supported,2026-11-20T22:41:03+00:00,not_supported,not_supported,true,",
        "<root_account>,arn:aws:iam::111122223333:root,2019-04-02T09:14:27+00:00,not_supported,2026-11-20T22:41:03+00:00,not_supported,not_supported,yes,");
    SourceProblem p = refused(KIND, "bad-bool.csv", text);
    assertThat(p.position()).isEqualTo("row 2 (line 2), column 8 (mfa_active)");
    assertThat(p.reason()).contains("\"yes\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"=HYPERLINK(\"\"http://evil\"\")", "@SUM(A1)", "\tcmd", "\rcmd", " =1+1"})
  void refusesAFormulaLookingCellInAnyColumn(String cell) {
    String text = good().replace("alice,arn:aws:iam::111122223333:user/alice,", "\"" + cell + "\",arn:aws:iam::111122223333:user/alice,");
    SourceProblem p = refused(KIND, "formula.csv", text);
    assertThat(p.position()).isEqualTo("row 3 (line 3), column 1 (user)");
    assertThat(p.reason()).contains("spreadsheet formula");
  }

  @ParameterizedTest
  @ValueSource(strings = {"=x", "+1+1", "-svc", "@ops"})
  void keepsALegalIamUserNameThatStartsLikeAFormulaAsText(String name) throws Exception {
    String text = good().replace("alice,arn:aws:iam::111122223333:user/alice,", name + ",arn:aws:iam::111122223333:user/" + name + ",");
    io.github.trailbench.core.model.iam.CredentialReport report =
        (io.github.trailbench.core.model.iam.CredentialReport) IamSources.read(KIND, FILE, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(report.rows()).anyMatch(r -> r.user().equals(name) && r.arn().endsWith("user/" + name));
  }

  @Test
  void refusesAFormulaInALaterColumnUnquoted() {
    String text = good().replace(",eu-west-1,s3,", ",eu-west-1,=cmd|' /C calc'!A0,");
    SourceProblem p = refused(KIND, "formula-service.csv", text);
    assertThat(p.position()).isEqualTo("row 3 (line 3), column 13 (access_key_1_last_used_service)");
  }

  @Test
  void refusesAnUnterminatedQuote() {
    String text = good().replace("bob,arn:aws:iam::111122223333:user/bob", "\"bob,arn:aws:iam::111122223333:user/bob");
    SourceProblem p = refused(KIND, "quote.csv", text);
    assertThat(p.position()).isEqualTo("row 5 (line 5), column 1");
    assertThat(p.reason()).contains("unterminated");
  }

  @Test
  void refusesAnEmptyRequiredCell() {
    String text = good().replace("bob,arn:aws:iam::111122223333:user/bob,2020-03-03T03:03:03+00:00", "bob,arn:aws:iam::111122223333:user/bob,");
    SourceProblem p = refused(KIND, "empty-cell.csv", text);
    assertThat(p.position()).isEqualTo("row 5 (line 5), column 3 (user_creation_time)");
    assertThat(p.reason()).contains("empty cell");
  }

  @Test
  void noValueTokensRoundTrip() {
    for (NoValue v : NoValue.values()) {
      assertThat(NoValue.fromToken(v.token())).isEqualTo(Optional.of(v));
    }
    assertThat(NoValue.fromToken("n/a")).isEmpty();
  }

  @Test
  void refusesAUserListedTwice() {
    String text = good().replace("bob,arn:aws:iam::111122223333:user/bob,", "bob,arn:aws:iam::111122223333:user/alice,");
    SourceProblem p = refused(KIND, "twice.csv", text);
    assertThat(p.position()).isEqualTo("row 5 (line 5), column 2 (arn)");
    assertThat(p.reason()).contains("already in row 3");
  }
}
