package io.github.trailbench.core.correlate;

import io.github.trailbench.core.catalog.ActionMapping;
import io.github.trailbench.core.catalog.Authorization;
import io.github.trailbench.core.catalog.EventActionMapper;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.UserIdentity;
import java.util.List;

/**
 * The standard {@link EventFactsDeriver}: canonical principal, session, IAM actions and resource
 * ARNs of one event. Thread-safe and side-effect free. The catalog is loaded once (shared
 * singleton); action mappings are cached per eventSource/eventName; each event's nested JSON is
 * parsed at most once, and only for the services whose resources are derived from it.
 *
 * <p>Session id: the access key id the call was signed with. For temporary credentials (ASIA…)
 * that is exactly one issued session (AssumeRole, GetSessionToken, GetFederationToken, console
 * and instance-profile sessions each get their own key); for long-term keys (AKIA…) the key
 * itself. Null when the log has no key: AWS service calls, sign-in events, unauthenticated calls.
 */
public final class DefaultEventFacts implements EventFactsDeriver {
  private static final DefaultEventFacts INSTANCE = new DefaultEventFacts(EventActionMapper.get());

  private final EventActionMapper mapper;

  private DefaultEventFacts(EventActionMapper mapper) {
    this.mapper = mapper;
  }

  /** The shared deriver. */
  public static EventFactsDeriver deriver() {
    return INSTANCE;
  }

  @Override
  public EventFacts derive(CloudTrailEvent event) {
    EventDocs docs = new EventDocs(event);
    Principal p = Principals.resolve(event);
    ActionMapping m = mapper.map(event, null); // parses requestParameters only if a rule may apply
    List<String> actions = m.authorization() == Authorization.IAM ? m.actions() : List.of();
    ResourceDerivation r = ResourceArns.derive(docs);
    return new EventFacts(shownPrincipal(p, event.userIdentity()), sessionId(event), actions, r.arns());
  }

  /**
   * The caller as the case lists it. An AWSAccount caller (the resource owner's copy of another
   * account's call) is that account's root user only when its principalId is the account id; an
   * IAM user's id (AIDA…), a role's (AROA…) or an access key (AKIA…) names some principal of that
   * account the log does not say (CloudTrail User Guide, userIdentity: "AWSAccount – The request was
   * made by another AWS account"), so none is named.
   */
  static String shownPrincipal(Principal p, UserIdentity u) {
    if (p.type() == PrincipalType.AWS_ACCOUNT && p.arn() != null && p.arn().endsWith(":root") && u != null
        && u.principalId() != null && !u.principalId().isBlank() && !u.principalId().equals(u.accountId())) {
      return null;
    }
    return p.arn();
  }

  /** The access key id of the call (see class comment), or null. */
  public static String sessionId(CloudTrailEvent event) {
    UserIdentity u = event.userIdentity();
    if (u == null || "AWSService".equals(u.type())) {
      return null;
    }
    String key = u.accessKeyId();
    return key == null || key.isBlank() ? null : key;
  }
}
