package io.github.trailbench.core.model.iam;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One completed Access Advisor report ("service last accessed data"), as AWS returned it. Times
 * are AWS's own; a service or action without a time was not accessed in AWS's tracking period.
 */
public sealed interface AccessAdvisorReport {
  /** {@code JobCompletionDate}: the moment the report describes. */
  Instant completedAt();

  /** Where it was read from: file and JSON path, for evidence and messages. */
  String origin();

  /**
   * {@code aws iam get-service-last-accessed-details} for a user, role, group or managed policy.
   *
   * @param subjectArn the ARN the report was generated for (named by the manifest entry)
   * @param actionLevel {@code JobType ACTION_LEVEL}: tracked actions are reported
   */
  record Services(String subjectArn, Instant completedAt, boolean actionLevel, List<ServiceAccess> services,
      String origin) implements AccessAdvisorReport {
    public Services {
      services = Copies.list(services);
    }
  }

  /**
   * {@code aws iam get-service-last-accessed-details-with-entities}: the users and roles that could
   * use one service through the subject's policies, each with its own last access.
   */
  record Entities(String subjectArn, String serviceNamespace, Instant completedAt, List<EntityAccess> entities,
      String origin) implements AccessAdvisorReport {
    public Entities {
      entities = Copies.list(entities);
    }
  }

  /**
   * {@code aws iam get-organizations-access-report}: per service the SCPs allow, the last access by
   * any principal under an organizations entity (root, OU or account), for SCP reviews.
   *
   * @param entityPath the entity the report was generated for, {@code o-…/r-…[/ou-…]*[/account]}
   * @param policyId the SCP the report was limited to, when it was
   */
  record Organizations(String entityPath, Optional<String> policyId, Instant completedAt,
      List<OrganizationAccess> services, String origin) implements AccessAdvisorReport {
    public Organizations {
      services = Copies.list(services);
    }
  }

  /** A {@code ServicesLastAccessed} element. */
  record ServiceAccess(String namespace, String name, Optional<Instant> lastAuthenticated, Optional<String> lastEntity,
      Optional<String> lastRegion, int totalEntities, List<ActionAccess> trackedActions) {
    public ServiceAccess {
      trackedActions = Copies.list(trackedActions);
    }
  }

  /** A {@code TrackedActionsLastAccessed} element; {@code action} as {@code service:Name}. */
  record ActionAccess(String action, Optional<Instant> lastAccessed, Optional<String> entity, Optional<String> region) {}

  /** An {@code EntityDetailsList} element: {@code EntityInfo} and its {@code LastAuthenticated}. */
  record EntityAccess(String arn, String name, String type, Optional<Instant> lastAuthenticated) {}

  /** An {@code AccessDetails} element of the organizations report. */
  record OrganizationAccess(String namespace, String name, Optional<Instant> lastAuthenticated,
      Optional<String> entityPath, Optional<String> region, int totalEntities) {}
}
