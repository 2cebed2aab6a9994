package io.github.trailbench.core.correlate;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A CloudFormation call that names a change set by its ARN ({@code changeSet/NAME/ID}) and not its
 * stack is authorized on the stack (ExecuteChangeSet: resource type {@code stack}), which its log
 * does not name. A change set belongs to one stack for its life, and the CreateChangeSet call that
 * made it returned both ARNs: when the case holds that call, its stack is the one.
 */
public final class ChangeSetStacks {
  private ChangeSetStacks() {}

  /** The change set ARN and stack ID a successful CreateChangeSet returned; empty for any other call. */
  public static Optional<Made> madeBy(CloudTrailEvent e) {
    if (!"cloudformation.amazonaws.com".equals(e.eventSource()) || !"CreateChangeSet".equals(e.eventName())
        || e.errorCode() != null) {
      return Optional.empty();
    }
    EventDocs d = new EventDocs(e);
    String changeSet = d.resp("id");
    String stack = d.resp("stackId");
    return isChangeSetArn(changeSet) && stack != null && stack.startsWith("arn:") && stack.contains(":stack/")
        ? Optional.of(new Made(changeSet, stack)) : Optional.empty();
  }

  /** A change set the case saw made, and its stack. */
  public record Made(String changeSetArn, String stackArn) {}

  static boolean isChangeSetArn(String s) {
    return s != null && s.startsWith("arn:") && s.contains(":cloudformation:") && s.contains(":changeSet/");
  }

  /**
   * {@code d} with the stack of the change set the call names, when the call names no stack and the
   * case knows it ({@code stackOf}); {@code d} unchanged otherwise.
   */
  static DerivedRequest resolve(DerivedRequest d, CloudTrailEvent event, Function<String, Optional<String>> stackOf) {
    if (stackOf == null || !d.resourceArns().isEmpty() || !"cloudformation.amazonaws.com".equals(event.eventSource())) {
      return d;
    }
    String changeSet = new EventDocs(event).req("changeSetName");
    if (!isChangeSetArn(changeSet)) {
      return d;
    }
    Optional<String> stack = stackOf.apply(changeSet);
    if (stack.isEmpty()) {
      return d;
    }
    List<String> notes = new ArrayList<>(d.notes());
    notes.add("the change set's stack is " + stack.get() + ", as the case's CreateChangeSet of " + changeSet + " returned it");
    return new DerivedRequest(d.eventId(), d.principalArn(), d.actions(), List.of(stack.get()),
        d.resourceAccount() != null ? d.resourceAccount() : io.github.trailbench.core.model.Arn.accountOf(stack.get()),
        d.context(), d.missing(), d.absent(), null, notes, d.authorization());
  }
}
