package dev.drawbridge.policy.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The conflict matrix of PostgreSQL's "Explicit Locking" chapter, table 13.2. */
class LockLevelTest {

  private static Set<LockLevel> conflicts(LockLevel l) {
    Set<LockLevel> s = EnumSet.noneOf(LockLevel.class);
    for (LockLevel o : LockLevel.values()) {
      if (l.conflictsWith(o)) {
        s.add(o);
      }
    }
    return s;
  }

  @Test
  void matrixAsDocumented() {
    assertThat(conflicts(LockLevel.ACCESS_SHARE)).containsExactly(LockLevel.ACCESS_EXCLUSIVE);
    assertThat(conflicts(LockLevel.ROW_SHARE))
        .containsExactly(LockLevel.EXCLUSIVE, LockLevel.ACCESS_EXCLUSIVE);
    assertThat(conflicts(LockLevel.ROW_EXCLUSIVE))
        .containsExactly(
            LockLevel.SHARE,
            LockLevel.SHARE_ROW_EXCLUSIVE,
            LockLevel.EXCLUSIVE,
            LockLevel.ACCESS_EXCLUSIVE);
    assertThat(conflicts(LockLevel.SHARE_UPDATE_EXCLUSIVE))
        .containsExactly(
            LockLevel.SHARE_UPDATE_EXCLUSIVE,
            LockLevel.SHARE,
            LockLevel.SHARE_ROW_EXCLUSIVE,
            LockLevel.EXCLUSIVE,
            LockLevel.ACCESS_EXCLUSIVE);
    assertThat(conflicts(LockLevel.SHARE))
        .containsExactly(
            LockLevel.ROW_EXCLUSIVE,
            LockLevel.SHARE_UPDATE_EXCLUSIVE,
            LockLevel.SHARE_ROW_EXCLUSIVE,
            LockLevel.EXCLUSIVE,
            LockLevel.ACCESS_EXCLUSIVE);
    assertThat(conflicts(LockLevel.SHARE_ROW_EXCLUSIVE))
        .containsExactlyElementsOf(
            EnumSet.range(LockLevel.ROW_EXCLUSIVE, LockLevel.ACCESS_EXCLUSIVE));
    assertThat(conflicts(LockLevel.EXCLUSIVE))
        .containsExactlyElementsOf(EnumSet.range(LockLevel.ROW_SHARE, LockLevel.ACCESS_EXCLUSIVE));
    assertThat(conflicts(LockLevel.ACCESS_EXCLUSIVE)).containsExactly(LockLevel.values());
  }

  @Test
  void symmetricAndNamedAsPostgres() {
    for (LockLevel a : LockLevel.values()) {
      for (LockLevel b : LockLevel.values()) {
        assertThat(a.conflictsWith(b)).isEqualTo(b.conflictsWith(a));
      }
      assertThat(a.pgName()).isEqualTo(a.name().replace('_', ' '));
    }
  }

  @Test
  void readsAndWrites() {
    assertThat(LockLevel.ACCESS_EXCLUSIVE.blocksReads()).isTrue();
    assertThat(LockLevel.EXCLUSIVE.blocksReads()).isFalse();
    assertThat(LockLevel.SHARE.blocksWrites()).isTrue();
    assertThat(LockLevel.SHARE_ROW_EXCLUSIVE.blocksWrites()).isTrue();
    assertThat(LockLevel.SHARE_UPDATE_EXCLUSIVE.blocksWrites()).isFalse();
    assertThat(LockLevel.SHARE.max(LockLevel.ACCESS_EXCLUSIVE))
        .isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
  }
}
