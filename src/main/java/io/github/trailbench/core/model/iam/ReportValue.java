package io.github.trailbench.core.model.iam;

import java.util.Objects;
import java.util.Optional;

/**
 * One credential-report cell: either a value, or the report's explicit reason for having none
 * ({@link NoValue}). The reason is kept because it matters to an analyst: {@code N/A} on
 * {@code access_key_1_last_used_date} means "never used", {@code no_information} means "unknown".
 */
public sealed interface ReportValue<T> permits ReportValue.Present, ReportValue.Absent {

  static <T> ReportValue<T> of(T value) {
    return new Present<>(value);
  }

  static <T> ReportValue<T> absent(NoValue reason) {
    return new Absent<>(reason);
  }

  /** The value, empty when the cell holds one of the no-value tokens. */
  Optional<T> value();

  /** The reason for no value, empty when a value is present. */
  Optional<NoValue> noValue();

  default boolean isPresent() {
    return value().isPresent();
  }

  record Present<T>(T get) implements ReportValue<T> {
    public Present {
      Objects.requireNonNull(get, "value");
    }

    @Override
    public Optional<T> value() {
      return Optional.of(get);
    }

    @Override
    public Optional<NoValue> noValue() {
      return Optional.empty();
    }

    @Override
    public String toString() {
      return String.valueOf(get);
    }
  }

  record Absent<T>(NoValue reason) implements ReportValue<T> {
    public Absent {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Optional<T> value() {
      return Optional.empty();
    }

    @Override
    public Optional<NoValue> noValue() {
      return Optional.of(reason);
    }

    @Override
    public String toString() {
      return reason.token();
    }
  }
}
