package io.github.trailbench.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** UserIdentity, SessionContext and SessionIssuer write out equals and hashCode (the importer's hot path). */
class IdentityEqualityTest {
  private static final SessionIssuer ISSUER = new SessionIssuer("Role", "AROA1", "arn:aws:iam::1:role/r", "1", "r");
  private static final SessionContext CONTEXT =
      new SessionContext(ISSUER, true, Instant.parse("2026-10-03T10:00:00Z"), "src", "web", "2.0");
  private static final UserIdentity IDENTITY = new UserIdentity("AssumedRole", "AROA1:s", "arn:aws:sts::1:assumed-role/r/s",
      "1", "ASIA1", "u", "svc", "idp", CONTEXT, "arn:aws:identitystore::1:user/u1",
      new InScopeOf("AWS::Lambda::Function", "arn:aws:lambda:us-east-1:1:function:f"));

  /** Another value of a component's type, different from {@code value}. */
  private static Object other(Class<?> type, Object value) {
    if (type == String.class) {
      return value + "x";
    }
    if (type == Boolean.class || type == boolean.class) {
      return !(Boolean) value;
    }
    if (type == Instant.class) {
      return ((Instant) value).plusNanos(1);
    }
    if (type == SessionIssuer.class) {
      return new SessionIssuer("Role", "AROA2", "arn:aws:iam::1:role/r", "1", "r");
    }
    if (type == InScopeOf.class) {
      return new InScopeOf("AWS::Lambda::Function", "arn:aws:lambda:us-east-1:1:function:g");
    }
    if (type == SessionContext.class) {
      return new SessionContext(ISSUER, false, Instant.parse("2026-10-03T10:00:00Z"), "src", "web", "2.0");
    }
    throw new IllegalArgumentException(type.toString());
  }

  private static Object[] values(Record r) throws Exception {
    RecordComponent[] cs = r.getClass().getRecordComponents();
    Object[] v = new Object[cs.length];
    for (int i = 0; i < cs.length; i++) {
      v[i] = cs[i].getAccessor().invoke(r);
    }
    return v;
  }

  private static Record make(Class<?> type, Object[] values) throws Exception {
    Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
    return (Record) type.getDeclaredConstructor(types).newInstance(values);
  }

  /** Rule: equal when every component is equal (nulls included), with the same hash; unequal when any one differs. */
  @Test
  void equalityAndHashFollowEveryComponent() throws Exception {
    for (Record r : new Record[] {ISSUER, CONTEXT, IDENTITY}) {
      Class<?> type = r.getClass();
      Object[] v = values(r);
      Record copy = make(type, v.clone());
      assertThat(copy).isEqualTo(r).hasSameHashCodeAs(r);
      RecordComponent[] cs = type.getRecordComponents();
      for (int i = 0; i < v.length; i++) {
        Object[] changed = v.clone();
        changed[i] = other(cs[i].getType(), v[i]);
        assertThat(make(type, changed)).as("%s differing in %s", type.getSimpleName(), cs[i].getName()).isNotEqualTo(r);
        if (cs[i].getType().isPrimitive()) {
          continue; // a primitive has no null
        }
        Object[] nulled = v.clone();
        nulled[i] = null;
        Record a = make(type, nulled);
        assertThat(a).as("%s with %s null", type.getSimpleName(), cs[i].getName()).isNotEqualTo(r)
            .isEqualTo(make(type, nulled.clone())).hasSameHashCodeAs(make(type, nulled.clone()));
        assertThat(r).isNotEqualTo(a);
      }
      assertThat(r).isNotEqualTo(null).isNotEqualTo("text");
    }
  }
}
