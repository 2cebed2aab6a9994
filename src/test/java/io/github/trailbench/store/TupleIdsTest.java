package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TupleIdsTest {
  /** Rule: equal tuples share one id, different ones (also differing in one place only) never, across many rehashes. */
  @Test
  void equalTuplesShareAnIdAndDifferentOnesNever() {
    TupleIds ids = new TupleIds(3, 10);
    int next = 0;
    for (int a = 0; a < 100; a++) {
      for (int b = 0; b < 50; b++) {
        assertThat(ids.idOf(new int[] {a, b, a ^ b}, next)).isEqualTo(next);
        next++;
      }
    }
    int id = 0;
    for (int a = 0; a < 100; a++) {
      for (int b = 0; b < 50; b++) {
        assertThat(ids.idOf(new int[] {a, b, a ^ b}, -1)).isEqualTo(id++);
      }
    }
    assertThat(ids.idOf(new int[] {0, 0, 1}, 7777)).isEqualTo(7777);
  }
}
