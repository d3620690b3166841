package dev.drawbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drawbridge.gateway.rollout.RolloutAdminServer;
import dev.drawbridge.gateway.rollout.RolloutHarness;
import dev.drawbridge.gateway.rollout.RolloutService;
import dev.drawbridge.gateway.store.RolloutStatus;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code drawbridge apply} and {@code drawbridge rollouts …} against the admin API over a real
 * state store and a real upstream: who may do what, and what people read.
 */
@ExtendWith(PostgresExtension.class)
class RolloutCommandsIT {

  private static CliTestSupport as() {
    return new CliTestSupport(Map.of("DRAWBRIDGE_PASSWORD", "pw"));
  }

  private static int run(CliTestSupport t, RolloutAdminServer server, String user, String... a) {
    String[] all = new String[a.length + 4];
    System.arraycopy(a, 0, all, 0, a.length);
    all[a.length] = "--user";
    all[a.length + 1] = user;
    all[a.length + 2] = "--admin";
    all[a.length + 3] = server.base.toString();
    return t.run(all);
  }

  @Test
  void theRequesterAppliesApproversControlAuditorsRead(TestPostgres pg) throws Exception {
    try (RolloutHarness h = RolloutHarness.create(pg, "ro_cli")) {
      h.orders(3_000);
      String request =
          h.approved("ALTER TABLE orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()")
              .id();
      RolloutService service = h.service(h.runner("gw-a"));
      try (RolloutAdminServer server = new RolloutAdminServer(h, service)) {
        CliTestSupport bob = as();
        assertThat(run(bob, server, "bob", "apply", request)).isOne();
        assertThat(bob.err.toString()).contains("refused (403)").contains("only alice");

        CliTestSupport alice = as();
        assertThat(run(alice, server, "alice", "apply", request)).isZero();
        String rollout = RolloutService.rolloutIdOf(request);
        assertThat(alice.out.toString())
            .contains("Rollout " + rollout + " of " + request)
            .contains("(7 steps)");
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> h.record(rollout).status() == RolloutStatus.COMPLETED);

        CliTestSupport again = as();
        assertThat(run(again, server, "alice", "apply", request)).isOne();
        assertThat(again.err.toString()).contains("refused (409)");

        CliTestSupport carol = as();
        assertThat(run(carol, server, "carol", "rollouts", "list")).isZero();
        assertThat(carol.out.toString()).contains(rollout).contains("completed").contains("alice");

        CliTestSupport show = as();
        assertThat(run(show, server, "alice", "rollouts", "show", rollout)).isZero();
        assertThat(show.out.toString())
            .contains("Rollout   " + rollout + " (completed)")
            .contains("Steps     7 of 7 done")
            .contains("3. [backfill] done")
            .contains("3000 of 3000 rows");

        CliTestSupport json = as();
        assertThat(run(json, server, "carol", "rollouts", "show", rollout, "--json")).isZero();
        assertThat(json.out.toString()).contains("\"rowsDone\" : 3000");

        CliTestSupport eve = as();
        assertThat(run(eve, server, "eve", "rollouts", "show", rollout)).isOne();
        assertThat(eve.err.toString()).contains("refused (404)");

        CliTestSupport aliceRollsBack = as();
        assertThat(run(aliceRollsBack, server, "alice", "rollouts", "rollback", rollout)).isOne();
        assertThat(aliceRollsBack.err.toString()).contains("refused (403)");

        CliTestSupport bobRollsBack = as();
        assertThat(run(bobRollsBack, server, "bob", "rollouts", "rollback", rollout)).isZero();
        assertThat(bobRollsBack.out.toString()).contains("Rollout " + rollout + " is rolling-back");
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> h.record(rollout).status() == RolloutStatus.ROLLED_BACK);
        assertThat(
                h.scalar(
                    "SELECT count(*) FROM pg_attribute WHERE attrelid = 'orders'::regclass AND"
                        + " attname = 'ref' AND NOT attisdropped"))
            .isZero();

        CliTestSupport pause = as();
        assertThat(run(pause, server, "bob", "rollouts", "pause", rollout)).isOne();
        assertThat(pause.err.toString()).contains("refused (409)").contains("rolled-back");
      }
    }
  }
}
