package dev.drawbridge.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementPairingTest {

  private final List<StatementPairing.Pending> done = new ArrayList<>();
  private final StatementPairing pairing = new StatementPairing(done::add);

  private static StatementPairing.Pending p(long n) {
    return new StatementPairing.Pending(n, 1_000);
  }

  @Test
  void aMultiStatementQuerySumsItsRows() {
    pairing.query(p(1));
    pairing.commandComplete("DELETE 2", 2_000);
    pairing.commandComplete("INSERT 0 3", 3_000);
    assertThat(done).isEmpty();
    pairing.readyForQuery(true);
    assertThat(done)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.rows).isEqualTo(5);
              assertThat(d.tag).isEqualTo("INSERT 0 3");
              assertThat(d.micros()).isEqualTo(2);
            });
  }

  @Test
  void anErrorInABatchSkipsTheRestOfItsCycle() {
    pairing.parse(p(1));
    pairing.parse(p(2));
    pairing.parse(p(3));
    pairing.sync();
    pairing.commandComplete("UPDATE 1", 2_000);
    pairing.failed("23505", 3_000);
    pairing.readyForQuery(true);
    assertThat(done).extracting(d -> d.result).containsExactly("ok", "error", "skipped");
    assertThat(done.get(1).sqlState).isEqualTo("23505");
  }

  @Test
  void pipelinedCyclesAreAnsweredInOrderAndAPreparedOnlyStatementHasNoResult() {
    pairing.parse(p(1));
    pairing.sync();
    pairing.query(p(2));
    pairing.readyForQuery(false); // the Parse/Sync cycle: no CommandComplete came
    pairing.commandComplete("SELECT 4", 2_000);
    pairing.readyForQuery(true);
    assertThat(done).extracting(d -> d.result).containsExactly("no-result", "ok");
    assertThat(done.get(1).rows).isEqualTo(4);
  }

  @Test
  void anExecutionOfAnEarlierPreparedStatementHasNoStatementHere() {
    pairing.sync();
    assertThat(pairing.commandComplete("INSERT 0 1", 2_000)).isNull();
    pairing.readyForQuery(true);
    assertThat(done).isEmpty();
  }

  @Test
  void whatIsUnansweredAtTheEndIsSaidSo() {
    pairing.query(p(1));
    pairing.parse(p(2));
    pairing.close();
    assertThat(done).extracting(d -> d.result).containsExactly("unanswered", "unanswered");
  }

  @Test
  void rowsComeFromTheLastNumberOfATag() {
    assertThat(StatementPairing.rowsOf("INSERT 0 7")).isEqualTo(7);
    assertThat(StatementPairing.rowsOf("SELECT 12")).isEqualTo(12);
    assertThat(StatementPairing.rowsOf("CREATE TABLE")).isEqualTo(-1);
    assertThat(StatementPairing.rowsOf("42")).isEqualTo(-1);
  }
}
