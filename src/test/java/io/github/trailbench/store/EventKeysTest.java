package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The deduplication set of (eventID, recipient account) keys used while importing. */
class EventKeysTest {

  @Test
  void aKeyIsNewOnceThenAlreadyPresent() {
    EventKeys keys = new EventKeys();
    assertThat(keys.add("11111111-0000-0000-0000-000000000001", 7)).isTrue();
    assertThat(keys.add("11111111-0000-0000-0000-000000000001", 7)).isFalse();
    assertThat(keys.add("11111111-0000-0000-0000-000000000001".getBytes(StandardCharsets.UTF_8), 7))
        .as("the String and byte[] forms are the same key").isFalse();
    assertThat(keys.size()).isEqualTo(1);
  }

  @Test
  void theSameEventIdInAnotherAccountIsAnotherKey() {
    EventKeys keys = new EventKeys();
    assertThat(keys.add("e-1", 1)).isTrue();
    assertThat(keys.add("e-1", 2)).isTrue();
    assertThat(keys.add("e-1", 0)).as("account 0: the record had no recipient account").isTrue();
    assertThat(keys.add("e-1", 1)).isFalse();
    assertThat(keys.add("e-1", 2)).isFalse();
    assertThat(keys.add("e-1", 0)).isFalse();
    assertThat(keys.size()).isEqualTo(3);
  }

  @Test
  void keysDifferingInOneByteOrInLengthAreDistinct() {
    EventKeys keys = new EventKeys();
    String[] ids = {"", "a", "b", "aa", "ab", "abc", "abd", "abcd", "abc\u0000", "\u0000", "Abc"};
    for (String id : ids) {
      assertThat(keys.add(id, 5)).as("first add of '%s'", id).isTrue();
    }
    for (String id : ids) {
      assertThat(keys.add(id, 5)).as("second add of '%s'", id).isFalse();
    }
    // the stored form is id bytes + account bytes: a shorter id with a different account must not
    // be taken for a longer id whose last bytes look like that account
    assertThat(keys.add(new byte[] {'a', 0, 0, 0, 1}, 5)).isTrue();
    assertThat(keys.add(new byte[] {'a'}, 1)).isTrue();
    assertThat(keys.add(new byte[] {'a', 0, 0, 0}, 1 << 8 | 5)).isTrue();
    assertThat(keys.size()).isEqualTo(ids.length + 3);
  }

  @Test
  void nonAsciiEventIdsAreKeysByTheirUtf8Bytes() {
    EventKeys keys = new EventKeys();
    String composed = "ereignis-\u00fc-\u4e8b\u4ef6-\ud83d\ude00";
    String decomposed = "ereignis-u\u0308-\u4e8b\u4ef6-\ud83d\ude00";
    assertThat(keys.add(composed, 1)).isTrue();
    assertThat(keys.add(decomposed, 1)).as("different bytes, different key").isTrue();
    assertThat(keys.add(composed.getBytes(StandardCharsets.UTF_8), 1)).isFalse();
    assertThat(keys.add(decomposed, 1)).isFalse();
    assertThat(keys.add("ereignis-\u00fd-\u4e8b\u4ef6-\ud83d\ude00", 1)).as("one code point differs").isTrue();
  }

  @Test
  void manyKeysAreAllFoundAfterTheTableGrows() {
    EventKeys keys = new EventKeys();
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      assertThat(keys.add("event-" + i, i % 3)).isTrue();
    }
    assertThat(keys.size()).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      if (keys.add("event-" + i, i % 3)) {
        throw new AssertionError("key event-" + i + " was lost when the table grew");
      }
    }
    for (int i = 0; i < 1000; i++) {
      assertThat(keys.add("event-" + i, i % 3 + 1)).as("other account").isTrue();
    }
    assertThat(keys.size()).isEqualTo(n + 1000);
  }

  @Test
  void rollbackForgetsExactlyTheKeysAddedAfterTheMark() {
    EventKeys keys = new EventKeys();
    for (int i = 0; i < 100; i++) {
      keys.add("before-" + i, 1);
    }
    int mark = keys.mark();
    assertThat(mark).isEqualTo(100);
    // enough keys after the mark that the table grows before it is rolled back
    for (int i = 0; i < 50_000; i++) {
      assertThat(keys.add("after-" + i, 1)).isTrue();
    }
    keys.rollback(mark);
    assertThat(keys.size()).isEqualTo(100);
    for (int i = 0; i < 100; i++) {
      assertThat(keys.add("before-" + i, 1)).as("before-%d survives the rollback", i).isFalse();
    }
    for (int i = 0; i < 50_000; i++) {
      if (!keys.add("after-" + i, 1)) {
        throw new AssertionError("after-" + i + " was not forgotten by the rollback");
      }
    }
    assertThat(keys.size()).isEqualTo(50_100);
    for (int i = 0; i < 50_000; i++) {
      if (keys.add("after-" + i, 1)) {
        throw new AssertionError("after-" + i + " re-added after the rollback was lost");
      }
    }
    for (int i = 0; i < 100; i++) {
      assertThat(keys.add("before-" + i, 1)).isFalse();
    }
  }

  @Test
  void rollbackToTheCurrentSizeChangesNothingAndRepeatedRollbacksWork() {
    EventKeys keys = new EventKeys();
    keys.add("a", 1);
    int m1 = keys.mark();
    keys.rollback(m1);
    assertThat(keys.size()).isEqualTo(1);
    assertThat(keys.add("a", 1)).isFalse();
    keys.add("b", 1);
    int m2 = keys.mark();
    keys.add("c", 1);
    keys.rollback(m2);
    assertThat(keys.add("b", 1)).isFalse();
    keys.rollback(m1);
    assertThat(keys.size()).isEqualTo(1);
    assertThat(keys.add("a", 1)).isFalse();
    assertThat(keys.add("b", 1)).isTrue();
    assertThat(keys.add("c", 1)).isTrue();
    keys.rollback(0);
    assertThat(keys.size()).isZero();
    assertThat(keys.add("a", 1)).isTrue();
  }
}
