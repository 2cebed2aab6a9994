package io.github.trailbench.report;

import io.github.trailbench.core.io.WholeFile;
import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.IncidentStory;
import io.github.trailbench.core.findings.hygiene.HygieneRule;
import io.github.trailbench.core.findings.Severity;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.EnumMap;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;

/**
 * A case's findings as a PDF: cover page with the case summary, table of contents (clickable,
 * also as PDF bookmarks), findings overview by severity, global figures, then one section per
 * finding with summary, description, notes, principals, keys, sessions, references, figures and
 * its events table. Page numbers in the footer; text is real text in embedded DejaVu Sans, so it
 * can be selected and searched.
 *
 * <pre>{@code
 * new PdfReport(summary, findings, globalFigures, Map.of(findingId, figures)).write(Path.of("case.pdf"));
 * }</pre>
 *
 * @param findings reported in {@link Finding#ORDER} whatever order they come in
 * @param figures figures of the whole case (timeline histogram, graph), shown after the overview
 * @param figuresByFinding figures of single findings (e.g. a decision tree), by finding id
 * @param credentialReport the credential report the hygiene checks read, or null; with it, or with
 *     hygiene findings, the report has a "Credential hygiene" section
 */
public record PdfReport(
    CaseSummary caseSummary, List<Finding> findings, List<Figure> figures, Map<String, List<Figure>> figuresByFinding,
    CredentialReportSummary credentialReport, String coverWarning, java.util.Set<String> noLongerDetected) {

  /** Distinct user agents listed per finding; the rest are counted. */
  static final int USER_AGENTS_SHOWN = 20;

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  public PdfReport {
    java.util.Objects.requireNonNull(caseSummary, "caseSummary");
    findings = findings == null ? List.of() : findings.stream().sorted(Finding.ORDER).map(ShownText::finding).toList();
    figures = figures == null ? List.of() : List.copyOf(figures);
    Map<String, List<Figure>> copy = new LinkedHashMap<>();
    if (figuresByFinding != null) {
      figuresByFinding.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    }
    figuresByFinding = java.util.Collections.unmodifiableMap(copy);
    coverWarning = coverWarning == null ? "" : coverWarning;
    noLongerDetected = noLongerDetected == null ? java.util.Set.of() : java.util.Set.copyOf(noLongerDetected);
  }

  public PdfReport(
      CaseSummary caseSummary, List<Finding> findings, List<Figure> figures, Map<String, List<Figure>> figuresByFinding,
      CredentialReportSummary credentialReport, String coverWarning) {
    this(caseSummary, findings, figures, figuresByFinding, credentialReport, coverWarning, java.util.Set.of());
  }

  public PdfReport(
      CaseSummary caseSummary, List<Finding> findings, List<Figure> figures, Map<String, List<Figure>> figuresByFinding,
      CredentialReportSummary credentialReport) {
    this(caseSummary, findings, figures, figuresByFinding, credentialReport, "");
  }

  public PdfReport(
      CaseSummary caseSummary, List<Finding> findings, List<Figure> figures, Map<String, List<Figure>> figuresByFinding) {
    this(caseSummary, findings, figures, figuresByFinding, null);
  }

  public PdfReport(CaseSummary caseSummary, List<Finding> findings) {
    this(caseSummary, findings, List.of(), Map.of());
  }

  /** This report with a "Credential hygiene" section describing {@code report}. */
  public PdfReport withCredentialReport(CredentialReportSummary report) {
    return new PdfReport(caseSummary, findings, figures, figuresByFinding, report, coverWarning, noLongerDetected);
  }

  /**
   * This report with {@code warning} on its cover, above the findings' summary: what a reader must
   * know before trusting the findings (e.g. they were made by other rules than the case's now).
   */
  public PdfReport withCoverWarning(String warning) {
    return new PdfReport(caseSummary, findings, figures, figuresByFinding, credentialReport, warning, noLongerDetected);
  }

  /**
   * This report with the findings of {@code ids} marked "no longer detected" (the case keeps a
   * finding the last run did not raise again): their status says so, and the cover's story leaves
   * them out.
   */
  public PdfReport withNoLongerDetected(java.util.Set<String> ids) {
    return new PdfReport(caseSummary, findings, figures, figuresByFinding, credentialReport, coverWarning, ids);
  }

  /** A finding's status as the report prints it. */
  String statusOf(Finding f) {
    return f.status().code() + (noLongerDetected.contains(f.id()) ? " · no longer detected" : "");
  }

  /** The findings of the credential hygiene checks, in report order. */
  List<Finding> hygieneFindings() {
    return findings.stream().filter(f -> HygieneRule.isHygieneRule(f.ruleId())).toList();
  }

  boolean hasHygieneSection() {
    return credentialReport != null || !hygieneFindings().isEmpty();
  }

  /** Writes the PDF to {@code out} (not closed). */
  public void write(OutputStream out) throws IOException {
    write(out, FallbackFont.system());
  }

  /** Writes the PDF with the given CJK fallback font, or none. */
  void write(OutputStream out, java.util.Optional<FallbackFont> fallback) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      new Writer(doc, fallback).build();
      doc.save(out);
    }
  }

  /** Writes the PDF to a file (created or replaced whole: a failed or killed write leaves the previous file). */
  public void write(Path file) throws IOException {
    WholeFile.write(file, this::write);
  }

  public byte[] toBytes() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out);
    return out.toByteArray();
  }

  static Color color(Severity s) {
    return switch (s) {
      case CRITICAL -> new Color(0x8b, 0x00, 0x14);
      case HIGH -> new Color(0xc2, 0x3b, 0x0e);
      case MEDIUM -> new Color(0x9a, 0x67, 0x00);
      case LOW -> new Color(0x1f, 0x5f, 0xa8);
      case INFO -> new Color(0x59, 0x63, 0x6e);
    };
  }

  /** A time Trailbench itself took (the report's, a detection run's): to the second, its clock's fraction says nothing. */
  static String madeAt(Instant t) {
    return time(t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  /**
   * A time as the report prints it: whole seconds, and the fraction only where the log had one
   * (milliseconds, or every digit below them), so two calls half a second apart do not read alike.
   */
  static String time(Instant t) {
    if (t == null) {
      return "—";
    }
    int nanos = t.getNano();
    String fraction = nanos == 0 ? "" : nanos % 1_000_000 == 0 ? String.format(java.util.Locale.ROOT, ".%03d", nanos / 1_000_000)
        : String.format(java.util.Locale.ROOT, ".%09d", nanos).replaceAll("0+$", "");
    return SECONDS.format(t) + fraction + " UTC";
  }

  /** Said on the cover when some characters were replaced by U+FFFD. */
  static final String MISSING_GLYPHS_NOTE =
      "Some characters could not be shown (no font on this machine has them) and appear as \uFFFD.";

  /** One build of one document. */
  private final class Writer {
    private final PDDocument doc;
    private final PdfFonts fonts;
    private final PdfLayout out;
    private final List<TocEntry> toc = new ArrayList<>();

    private record TocEntry(String number, String title, int level, PDPage page, float top) {}

    Writer(PDDocument doc, java.util.Optional<FallbackFont> fallback) throws IOException {
      this.doc = doc;
      this.fonts = new PdfFonts(doc, fallback);
      this.out = new PdfLayout(doc, fonts);
    }

    void build() throws IOException {
      info();
      cover();
      int tocEntries = 2 + (hasHygieneSection() ? 1 : 0) + (figures.isEmpty() ? 0 : 1) + findings.size();
      int tocPages = Math.max(1, (int) Math.ceil(tocEntries / (double) tocLinesPerPage()));
      List<PDPage> tocPageList = new ArrayList<>();
      for (int i = 0; i < tocPages; i++) {
        out.newPage();
        tocPageList.add(out.page());
      }
      out.closeStream();
      int section = 1;
      overview(section++);
      if (hasHygieneSection()) {
        hygiene(section++);
      }
      if (!figures.isEmpty()) {
        out.newPage();
        heading(section + ".", "Figures", 0);
        for (Figure f : figures) {
          figure(f);
        }
        section++;
      }
      int n = 1;
      int findingsSection = section;
      if (!findings.isEmpty()) {
        out.newPage();
        heading(findingsSection + ".", "Findings", 0);
      }
      for (Finding f : findings) {
        finding(findingsSection + "." + n++, f);
      }
      out.closeStream();
      writeToc(tocPageList);
      outline();
      footers();
      missingGlyphsNote();
    }

    /** Once, on the cover above its footer: some text had characters no font here has. */
    private void missingGlyphsNote() throws IOException {
      if (!fonts.replacedMissingGlyphs()) {
        return;
      }
      try (PDPageContentStream cs = new PDPageContentStream(doc, doc.getPage(0), PDPageContentStream.AppendMode.APPEND,
          true, true)) {
        drawLine(cs, MISSING_GLYPHS_NOTE, fonts.regular, 8, PdfLayout.MARGIN_X, 42, PdfLayout.MUTED);
      }
    }

    private void info() {
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(fonts.regular.clean("Trailbench report: " + caseSummary.caseName()));
      info.setSubject("Findings of an AWS incident investigation");
      info.setCreator("Trailbench");
      Calendar cal = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
      cal.setTimeInMillis(caseSummary.generatedAt().toEpochMilli());
      info.setCreationDate(cal);
    }

    // ------------------------------------------------------------------ cover

    private void cover() throws IOException {
      out.newPage();
      out.fill(0, PdfLayout.SIZE.getHeight() - 8, PdfLayout.SIZE.getWidth(), 8, color(Severity.HIGH));
      out.gap(60);
      out.paragraph("Trailbench incident report", fonts.regular, 13, 0, PdfLayout.MUTED);
      out.gap(6);
      String name = caseSummary.caseName().isEmpty() ? "(unnamed case)" : caseSummary.caseName();
      if (name.codePointCount(0, name.length()) > 120) {
        name = name.substring(0, name.offsetByCodePoints(0, 120)) + "…";
      }
      out.paragraph(name, fonts.bold, 24, 0, PdfLayout.TEXT);
      out.gap(14);
      if (!coverWarning.isEmpty()) {
        out.paragraph("Warning: " + coverWarning, fonts.bold, 10, 0, PdfLayout.WARNING);
        out.gap(10);
      }
      whatHappened();
      out.gap(14);
      List<List<PdfLayout.Cell>> rows = new ArrayList<>();
      rows.add(kv("Name", caseSummary.caseName()));
      rows.add(kv("Generated", madeAt(caseSummary.generatedAt())));
      rows.add(kv("Events from", time(caseSummary.firstEvent())));
      rows.add(kv("Events to", time(caseSummary.lastEvent())));
      rows.add(kv("Events", String.format("%,d", caseSummary.totalEvents())));
      rows.add(kv("Findings", findings.size() + bySeverityText()));
      out.table(List.of(new PdfLayout.Column("Case", 1, true), new PdfLayout.Column("", 3, false)), rows, 9.5f);
      if (!caseSummary.countsBySource().isEmpty()) {
        out.gap(14);
        List<List<PdfLayout.Cell>> counts = new ArrayList<>();
        caseSummary.countsBySource().forEach((k, v) -> counts.add(List.of(PdfLayout.Cell.of(k),
            PdfLayout.Cell.of(String.format("%,d", v)))));
        out.table(List.of(new PdfLayout.Column("Source", 4, false), new PdfLayout.Column("Events", 1, false)), counts, 9);
      }
      if (!caseSummary.sources().isEmpty()) {
        out.gap(14);
        List<List<PdfLayout.Cell>> files = new ArrayList<>();
        caseSummary.sources().forEach(s -> files.add(List.of(PdfLayout.Cell.of(s))));
        out.table(List.of(new PdfLayout.Column("Imported files", 1, false)), files, 8.5f);
      }
      out.gap(16);
      out.paragraph("Times are UTC. Event evidence is quoted from the case's CloudTrail records; a finding is a lead for "
          + "an analyst to confirm, not a verdict.", fonts.regular, 8.5f, 0, PdfLayout.MUTED);
    }

    /** Page 1's story: the top findings in time order, who and which keys, the window (IncidentStory). */
    private void whatHappened() throws IOException {
      IncidentStory story = IncidentStory.of(findings.stream().filter(f -> !noLongerDetected.contains(f.id())).toList());
      if (story.lines().isEmpty()) {
        return;
      }
      out.paragraph("What happened", fonts.bold, 13, 0, PdfLayout.TEXT);
      out.gap(3);
      for (String line : story.lines()) {
        out.paragraph("\u2022 " + line, fonts.regular, 9.5f, 6, PdfLayout.TEXT);
        out.gap(1.5f);
      }
      out.gap(6);
      out.paragraph("Window: " + time(story.first()) + " to " + time(story.last()), fonts.regular, 9.5f, 0, PdfLayout.TEXT);
      out.paragraph("Principals: " + String.join(", ", limit(IncidentStory.shortPrincipals(story.principals()).stream()
          .distinct().toList(), 8)), fonts.regular, 9.5f, 0, PdfLayout.TEXT);
      if (!story.accessKeys().isEmpty()) {
        out.paragraph("Access keys: " + String.join(", ", limit(story.accessKeys(), 8)), fonts.regular, 9.5f, 0,
            PdfLayout.TEXT);
      }
      out.gap(3);
      out.paragraph("Built from the findings below, most severe successes in time order, then what was only attempted. "
          + "Each line is a finding to confirm.", fonts.regular, 8, 0, PdfLayout.MUTED);
    }

    private String bySeverityText() {
      Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
      findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
      if (counts.isEmpty()) {
        return "";
      }
      List<String> parts = new ArrayList<>();
      counts.forEach((s, c) -> parts.add(c + " " + s.code()));
      return " (" + String.join(", ", parts) + ")";
    }

    private List<PdfLayout.Cell> kv(String k, String v) {
      return List.of(PdfLayout.Cell.of(k), PdfLayout.Cell.of(v));
    }

    // ------------------------------------------------------------------ sections

    private void heading(String number, String title, int level) throws IOException {
      float size = level == 0 ? 16 : 12.5f;
      out.ensure(size * 1.4f * 2 + 60);
      if (out.y < PdfLayout.TOP) {
        out.gap(level == 0 ? 10 : 14);
      }
      float top = out.y;
      toc.add(new TocEntry(number, title, level, out.page(), top));
      out.paragraph(number + " " + title, fonts.bold, size, 0, PdfLayout.TEXT);
      out.gap(4);
    }

    private void overview(int section) throws IOException {
      out.newPage();
      heading(section + ".", "Findings overview", 0);
      if (findings.isEmpty()) {
        out.paragraph("The detection run raised no findings.", fonts.regular, 9.5f, 0, PdfLayout.TEXT);
        return;
      }
      out.paragraph(findings.size() + " finding(s)" + bySeverityText() + ", most severe first.", fonts.regular, 9.5f, 0,
          PdfLayout.MUTED);
      out.gap(6);
      List<List<PdfLayout.Cell>> rows = new ArrayList<>();
      int n = 1;
      int findingsSection = section + 1 + (hasHygieneSection() ? 1 : 0) + (figures.isEmpty() ? 0 : 1);
      for (Finding f : findings) {
        rows.add(List.of(PdfLayout.Cell.of(findingsSection + "." + n++),
            new PdfLayout.Cell(f.severity().code().toUpperCase(java.util.Locale.ROOT), color(f.severity())),
            PdfLayout.Cell.of(f.title()), PdfLayout.Cell.of(String.join("\n", limit(f.principals(), 3))),
            PdfLayout.Cell.of(Long.toString(f.eventCount())), PdfLayout.Cell.of(statusOf(f))));
      }
      out.table(List.of(new PdfLayout.Column("#", 0.55f, false), new PdfLayout.Column("Severity", 1, true),
          new PdfLayout.Column("Finding", 3.2f, false), new PdfLayout.Column("Principals", 3.6f, false),
          new PdfLayout.Column("Events", 0.8f, false), new PdfLayout.Column("Status", 1.2f, false)), rows, 8);
    }

    private void hygiene(int section) throws IOException {
      out.newPage();
      heading(section + ".", "Credential hygiene", 0);
      List<Finding> hygiene = hygieneFindings();
      StringBuilder intro = new StringBuilder();
      if (credentialReport != null) {
        intro.append("Credential report ").append(credentialReport.file()).append(": ").append(credentialReport.users())
            .append(" user(s) including root; ages measured from ").append(time(credentialReport.referenceTime()))
            .append(" (the latest time in the report), threshold ").append(credentialReport.threshold().toDays())
            .append(" days. ");
      }
      intro.append(hygiene.isEmpty() ? "No credential hygiene problem found."
          : hygiene.size() + " problem(s), most severe first; each is also a finding below.");
      out.paragraph(intro.toString(), fonts.regular, 9.5f, 0, PdfLayout.MUTED);
      if (hygiene.isEmpty()) {
        return;
      }
      out.gap(6);
      List<List<PdfLayout.Cell>> rows = new ArrayList<>();
      for (Finding f : hygiene) {
        rows.add(List.of(PdfLayout.Cell.of(String.join("\n", f.principals().stream().map(PdfReport::userOf).toList())),
            new PdfLayout.Cell(f.severity().code().toUpperCase(java.util.Locale.ROOT), color(f.severity())),
            PdfLayout.Cell.of(f.title()), PdfLayout.Cell.of(f.summary())));
      }
      out.table(List.of(new PdfLayout.Column("User", 1.5f, true), new PdfLayout.Column("Severity", 1, true),
          new PdfLayout.Column("Check", 2.2f, false), new PdfLayout.Column("Detail", 5.3f, false)), rows, 8);
    }

    private List<String> limit(List<String> items, int max) {
      if (items.size() <= max) {
        return items;
      }
      List<String> out = new ArrayList<>(items.subList(0, max));
      out.add("… and " + (items.size() - max) + " more");
      return out;
    }

    private void finding(String number, Finding f) throws IOException {
      out.ensure(220);
      if (out.y < PdfLayout.TOP - 60) {
        out.gap(10);
        out.rule(PdfLayout.MARGIN_X, PdfLayout.MARGIN_X + PdfLayout.WIDTH, out.y, PdfLayout.RULE, 1);
      }
      heading(number, "[" + f.severity().code().toUpperCase(java.util.Locale.ROOT) + "] " + f.title(), 1);
      List<List<PdfLayout.Cell>> meta = new ArrayList<>();
      meta.add(List.of(PdfLayout.Cell.of("Severity"), new PdfLayout.Cell(f.severity().code(), color(f.severity()))));
      meta.add(kv("Status", statusOf(f)));
      meta.add(kv("Rule", f.pack().isEmpty() ? f.ruleId() : f.ruleId() + " (rule pack " + f.pack() + ")"));
      meta.add(kv("Finding id", f.id()));
      meta.add(kv("Events", f.eventCount() == 0 && HygieneRule.isHygieneRule(f.ruleId())
          ? (f.ruleId().equals(HygieneRule.UNUSED_SERVICES.id()) ? "none: found in IAM Access Advisor"
              : "none: found in the credential report")
          : f.eventCount() + " (" + time(f.firstEventTime()) + " to " + time(f.lastEventTime()) + ")"));
      meta.add(kv("Created", madeAt(f.createdAt())));
      out.table(List.of(new PdfLayout.Column("Field", 1, true), new PdfLayout.Column("Value", 4, false)), meta, 8.5f);
      block("Summary", f.summary());
      block("Why it matters", f.description());
      block("Analyst notes", f.notes());
      list("Principals", f.principals());
      list("Access keys", f.accessKeys());
      list("Sessions", f.sessions().stream().map(Evidence.Session::label).toList());
      list("Case references", f.referencesToCase().stream()
          .map(r -> r.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + r.id()
              + (r.label().equals(r.id()) ? "" : ": " + r.label()))
          .toList());
      list("Rule references", f.references());
      for (Figure fig : figuresByFinding.getOrDefault(f.id(), List.of())) {
        figure(fig);
      }
      events(f);
    }

    private void block(String label, String text) throws IOException {
      if (text == null || text.isBlank()) {
        return;
      }
      out.gap(6);
      out.ensure(30);
      out.paragraph(label, fonts.bold, 9.5f, 0, PdfLayout.TEXT);
      out.paragraph(text, fonts.regular, 9.5f, 0, PdfLayout.TEXT);
    }

    /** The distinct user agents of a finding's events: the first 20, and how many more there are. */
    private void userAgents(Set<String> agents) throws IOException {
      List<String> shown = new ArrayList<>(agents).subList(0, Math.min(agents.size(), USER_AGENTS_SHOWN));
      List<String> items = new ArrayList<>(shown);
      if (agents.size() > shown.size()) {
        items.add("and " + (agents.size() - shown.size()) + " more, not listed here");
      }
      list("User agents", items);
    }

    private void list(String label, List<String> items) throws IOException {
      if (items.isEmpty()) {
        return;
      }
      out.gap(6);
      out.ensure(30);
      out.paragraph(label, fonts.bold, 9.5f, 0, PdfLayout.TEXT);
      for (String item : items) {
        out.paragraph("• " + item, fonts.regular, 8.5f, 6, PdfLayout.TEXT);
      }
    }

    private void events(Finding f) throws IOException {
      List<Evidence.Event> events = f.events();
      if (events.isEmpty()) {
        return;
      }
      out.gap(8);
      out.ensure(95);
      if (events.size() > GROUP_EVENTS_OVER) {
        groupedEvents(f, events);
        return;
      }
      String title = events.size() < f.eventCount()
          ? "Events (the first " + events.size() + " of " + f.eventCount() + ")" : "Events (" + events.size() + ")";
      out.paragraph(title, fonts.bold, 9.5f, 0, PdfLayout.TEXT);
      out.gap(2);
      List<List<PdfLayout.Cell>> rows = new ArrayList<>();
      Set<String> agents = new LinkedHashSet<>();
      for (Evidence.Event e : events) {
        String outcome = e.outcome() == null ? "" : e.outcome();
        Color oc = "Success".equals(outcome) ? null : color(Severity.HIGH);
        String when = e.time() == null ? "—" : time(e.time()).replace(" UTC", "").replace(' ', '\n');
        String what = nz(e.eventName()) + "\n" + nz(e.eventSource()) + (e.region() == null ? "" : "\n" + e.region())
            + (e.resource() == null ? "" : "\n" + e.resource()) + "\n" + e.eventId();
        rows.add(List.of(PdfLayout.Cell.of(when), PdfLayout.Cell.of(what), PdfLayout.Cell.of(nz(e.principal())),
            PdfLayout.Cell.of(nz(e.accessKeyId())), PdfLayout.Cell.of(nz(e.sourceIp())), new PdfLayout.Cell(outcome, oc)));
        if (e.userAgent() != null && !e.userAgent().isEmpty()) {
          agents.add(e.userAgent());
        }
      }
      out.table(List.of(new PdfLayout.Column("Time (UTC)", 1.1f, false), new PdfLayout.Column("Event", 2.45f, false),
          new PdfLayout.Column("Principal", 2.35f, false), new PdfLayout.Column("Access key", 2.45f, false),
          new PdfLayout.Column("Source IP", 1.35f, false), new PdfLayout.Column("Outcome", 1.5f, false)), rows, 7.2f);
      userAgents(agents);
    }

    /**
     * Many events as one row per action, resource prefix, principal and outcome (bucket and key
     * folder for S3), with counts and the time span; the rows themselves are in the CSV evidence.
     */
    private void groupedEvents(Finding f, List<Evidence.Event> events) throws IOException {
      Map<List<String>, long[]> groups = new java.util.LinkedHashMap<>();
      Map<List<String>, Instant[]> spans = new java.util.HashMap<>();
      Set<String> agents = new LinkedHashSet<>();
      for (Evidence.Event e : events) {
        List<String> key = List.of(nz(e.eventName()), prefixOf(e.resource()), nz(e.principal()), nz(e.sourceIp()),
            e.outcome() == null ? "" : e.outcome());
        groups.computeIfAbsent(key, k -> new long[1])[0]++;
        if (e.time() != null) {
          Instant[] span = spans.computeIfAbsent(key, k -> new Instant[] {e.time(), e.time()});
          span[0] = e.time().isBefore(span[0]) ? e.time() : span[0];
          span[1] = e.time().isAfter(span[1]) ? e.time() : span[1];
        }
        if (e.userAgent() != null && !e.userAgent().isEmpty()) {
          agents.add(e.userAgent());
        }
      }
      out.paragraph("Events grouped (" + events.size() + (events.size() < f.eventCount() ? " of " + f.eventCount() : "")
          + " in " + groups.size() + " group(s); every row is in the evidence CSV: trailbench report --evidence FILE.csv)",
          fonts.bold, 9.5f, 0, PdfLayout.TEXT);
      out.gap(2);
      List<List<PdfLayout.Cell>> rows = new ArrayList<>();
      groups.forEach((k, n) -> {
        Instant[] span = spans.get(k);
        String when = span == null ? "—" : time(span[0]).replace(" UTC", "") + "\nto " + time(span[1]).replace(" UTC", "");
        Color oc = "Success".equals(k.get(4)) ? null : color(Severity.HIGH);
        rows.add(List.of(PdfLayout.Cell.of(k.get(0)), PdfLayout.Cell.of(k.get(1)), PdfLayout.Cell.of(Long.toString(n[0])),
            PdfLayout.Cell.of(when), PdfLayout.Cell.of(k.get(2) + "\n" + k.get(3)), new PdfLayout.Cell(k.get(4), oc)));
      });
      out.table(List.of(new PdfLayout.Column("Action", 1.5f, false), new PdfLayout.Column("Resource (prefix)", 2.8f, false),
          new PdfLayout.Column("Calls", 0.7f, false), new PdfLayout.Column("Time span (UTC)", 1.9f, false),
          new PdfLayout.Column("Principal, source IP", 3.3f, false), new PdfLayout.Column("Outcome", 1.2f, false)), rows, 7.2f);
      userAgents(agents);
    }

    private void figure(Figure fig) throws IOException {
      out.gap(8);
      PDImageXObject img = null;
      String problem = null;
      try {
        img = PDImageXObject.createFromByteArray(doc, fig.png(), "figure");
      } catch (IOException | RuntimeException e) {
        problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      }
      if (img == null) {
        out.paragraph("Figure \"" + fig.title() + "\" could not be read" + (problem == null ? "" : ": " + problem),
            fonts.regular, 8.5f, 0, PdfLayout.MUTED);
        return;
      }
      out.image(img);
      out.paragraph(fig.title(), fonts.regular, 8.5f, 0, PdfLayout.MUTED);
    }

    // ------------------------------------------------------------------ contents, outline, footers

    private float tocLeading() {
      return 10 * 1.6f;
    }

    private int tocLinesPerPage() {
      return (int) Math.floor((PdfLayout.TOP - PdfLayout.BOTTOM - 40) / tocLeading());
    }

    private void writeToc(List<PDPage> pages) throws IOException {
      List<PDPage> all = new ArrayList<>();
      doc.getPages().forEach(all::add);
      int perPage = tocLinesPerPage();
      for (int p = 0; p < pages.size(); p++) {
        PDPage page = pages.get(p);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
          float y = PdfLayout.TOP;
          if (p == 0) {
            drawLine(cs, "Contents", fonts.bold, 16, PdfLayout.MARGIN_X, y - 16, PdfLayout.TEXT);
          }
          y -= 40;
          for (int i = p * perPage; i < Math.min(toc.size(), (p + 1) * perPage); i++) {
            TocEntry e = toc.get(i);
            y -= tocLeading();
            float indent = e.level() * 22;
            String pageNo = Integer.toString(all.indexOf(e.page()) + 1);
            PdfFonts.Face face = e.level() == 0 ? fonts.bold : fonts.regular;
            float size = e.level() == 0 ? 10.5f : 9.5f;
            float noWidth = fonts.regular.width(pageNo, size);
            float avail = PdfLayout.WIDTH - indent - noWidth - 20;
            String text = fit(face, e.number() + " " + e.title(), size, avail);
            drawLine(cs, text, face, size, PdfLayout.MARGIN_X + indent, y, PdfLayout.TEXT);
            drawLine(cs, pageNo, fonts.regular, size, PdfLayout.MARGIN_X + PdfLayout.WIDTH - noWidth, y, PdfLayout.TEXT);
            float textEnd = PdfLayout.MARGIN_X + indent + face.width(text, size) + 4;
            float dotsEnd = PdfLayout.MARGIN_X + PdfLayout.WIDTH - noWidth - 4;
            if (dotsEnd > textEnd) {
              cs.setStrokingColor(PdfLayout.RULE);
              cs.setLineWidth(0.6f);
              cs.setLineDashPattern(new float[] {1, 2.5f}, 0);
              cs.moveTo(textEnd, y + 1);
              cs.lineTo(dotsEnd, y + 1);
              cs.stroke();
              cs.setLineDashPattern(new float[] {}, 0);
            }
            PdfLayout.link(page, PdfLayout.MARGIN_X, y - 3, PdfLayout.WIDTH, tocLeading(), e.page(), e.top() + 4);
          }
        }
      }
    }

    private String fit(PdfFonts.Face face, String raw, float size, float max) {
      String s = face.clean(raw);
      if (face.width(s, size) <= max) {
        return s;
      }
      String ell = "…";
      int end = s.length();
      while (end > 0 && face.width(s.substring(0, end) + ell, size) > max) {
        end = s.offsetByCodePoints(end, -1);
      }
      return s.substring(0, end) + ell;
    }

    private void drawLine(PDPageContentStream cs, String cleaned, PdfFonts.Face face, float size, float x, float y,
        Color color) throws IOException {
      cs.beginText();
      cs.setNonStrokingColor(color);
      cs.newLineAtOffset(x, y);
      face.show(cs, PdfFonts.visual(cleaned), size);
      cs.endText();
    }

    private void outline() {
      PDDocumentOutline outline = new PDDocumentOutline();
      doc.getDocumentCatalog().setDocumentOutline(outline);
      PDOutlineItem parent = null;
      for (TocEntry e : toc) {
        PDOutlineItem item = new PDOutlineItem();
        item.setTitle(fonts.regular.clean(e.number() + " " + e.title()));
        item.setDestination(PdfLayout.destination(e.page(), e.top() + 4));
        if (e.level() == 0 || parent == null) {
          outline.addLast(item);
          parent = item;
        } else {
          parent.addLast(item);
        }
      }
    }

    private void footers() throws IOException {
      int total = doc.getNumberOfPages();
      String name = fonts.regular.clean(caseSummary.caseName());
      if (fonts.regular.width(name, 8) > PdfLayout.WIDTH * 0.6f) {
        name = fit(fonts.regular, name, 8, PdfLayout.WIDTH * 0.6f);
      }
      int i = 0;
      for (PDPage page : doc.getPages()) {
        i++;
        try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
          String right = "Page " + i + " of " + total;
          float w = fonts.regular.width(right, 8);
          drawLine(cs, "Trailbench · " + name, fonts.regular, 8, PdfLayout.MARGIN_X, 30, PdfLayout.MUTED);
          drawLine(cs, right, fonts.regular, 8, PdfLayout.MARGIN_X + PdfLayout.WIDTH - w, 30, PdfLayout.MUTED);
        }
      }
    }
  }

  /** The user name of a credential-report principal: the last ARN segment, or "root". */
  static String userOf(String arn) {
    return arn.endsWith(":root") ? "account root" : arn.substring(arn.lastIndexOf('/') + 1);
  }

  /** Evidence of more events than this is shown grouped (by action and resource prefix). */
  static final int GROUP_EVENTS_OVER = 20;

  /** An S3 {@code bucket/folder/…/object} as {@code bucket/folder/…/}; other resources as they are. */
  static String prefixOf(String resource) {
    if (resource == null) {
      return "—";
    }
    int slash = resource.lastIndexOf('/');
    return slash > 0 && !resource.startsWith("arn:") && !resource.startsWith("user/") && !resource.startsWith("role/")
        && !resource.startsWith("group/") ? resource.substring(0, slash + 1) : resource;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
