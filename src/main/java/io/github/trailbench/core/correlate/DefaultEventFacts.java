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
    return new EventFacts(p.arn(), sessionId(event), actions, r.arns());
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
