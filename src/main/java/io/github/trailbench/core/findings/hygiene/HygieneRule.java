package io.github.trailbench.core.findings.hygiene;

import io.github.trailbench.core.findings.Severity;
import java.util.List;

/**
 * The hygiene checks: over an IAM credential report, and ({@link #UNUSED_SERVICES}) over IAM
 * Access Advisor reports. A closed set: each is one condition, raised at most once per principal
 * (the finding's group key is its ARN). Documented, with the reasons, in docs/detections.md
 * ("Credential hygiene", "Access Advisor: unused services").
 */
public enum HygieneRule {
  NO_MFA("hygiene-no-mfa", "Console password without MFA", Severity.HIGH,
      "The user can sign in to the console with a password alone: the report says password_enabled true and"
          + " mfa_active false. A phished, guessed or reused password is then enough to take the account over.",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html"),
  OLD_ACCESS_KEY("hygiene-old-access-key", "Active access key not rotated", Severity.MEDIUM,
      "An active access key was created (last rotated) longer ago than the threshold. Long-lived keys end up in"
          + " scripts, laptops, CI variables and repositories; the longer a key lives, the more places it has leaked to.",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console"),
  UNUSED_ACCESS_KEY("hygiene-unused-access-key", "Active access key never or not recently used", Severity.MEDIUM,
      "An active access key was never used, or not within the threshold. A key nobody uses is not needed and can be"
          + " deactivated; one that suddenly starts being used is a sign it is in someone else's hands.",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#remove-credentials"),
  UNUSED_PASSWORD("hygiene-unused-password", "Console password never or not recently used", Severity.MEDIUM,
      "The user has a console password that was never used, or not within the threshold. Unused passwords are"
          + " attack surface without benefit: remove the login profile.",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#remove-credentials"),
  ROOT_ACCESS_KEY("hygiene-root-access-key", "Root user has an access key", Severity.CRITICAL,
      "The account's root user has an access key (active, or inactive and able to be re-activated by root). Root"
          + " keys cannot be limited by any IAM policy or permissions boundary; AWS recommends having none.",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html"),
  ROOT_NO_MFA("hygiene-root-no-mfa", "Root user without MFA", Severity.CRITICAL,
      "The root user has no MFA device while it has a password or an access key: that credential alone gives"
          + " unrestricted control of the account, including closing it and changing its contact details.",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html"),
  ROOT_RECENTLY_USED("hygiene-root-recently-used", "Root user used recently", Severity.MEDIUM,
      "The root user's password or an access key of root was used within the threshold. Root should be used only"
          + " for the few tasks that require it; check that each use was one of them and made by its custodian.",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html"),
  UNUSED_SERVICES("hygiene-unused-services", "Services allowed but not used for 90+ days (Access Advisor)", Severity.LOW,
      "IAM Access Advisor, which sees far more than the trail's window, shows services the principal's policies allow"
          + " that it has not accessed within the threshold, or at all in AWS's tracking period. Permissions nobody uses"
          + " are what an attacker with the principal's credentials uses first: remove them.",
      List.of("https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html",
          "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed-view-data.html"));

  /** Rule ids of every hygiene check start with this. */
  public static final String ID_PREFIX = "hygiene-";

  private final String id;
  private final String title;
  private final Severity severity;
  private final String description;
  private final List<String> references;

  HygieneRule(String id, String title, Severity severity, String description, String reference) {
    this(id, title, severity, description, List.of(reference,
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html"));
  }

  HygieneRule(String id, String title, Severity severity, String description, List<String> references) {
    this.id = id;
    this.title = title;
    this.severity = severity;
    this.description = description;
    this.references = references;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public Severity severity() {
    return severity;
  }

  public String description() {
    return description;
  }

  public List<String> references() {
    return references;
  }

  /** True for the rule ids of these checks. */
  public static boolean isHygieneRule(String ruleId) {
    return ruleId != null && ruleId.startsWith(ID_PREFIX);
  }
}
