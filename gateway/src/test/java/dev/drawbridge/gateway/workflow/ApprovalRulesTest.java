package dev.drawbridge.gateway.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.gateway.store.ChangeRequestRecord;
import dev.drawbridge.gateway.store.RequestStatus;
import dev.drawbridge.gateway.store.RequestSubject;
import dev.drawbridge.policy.access.Principal;
import dev.drawbridge.policy.access.PrincipalKind;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ApprovalRulesTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final ChangeRequestRecord BY_ALICE =
      new ChangeRequestRecord(
          "CR-ABCDEF",
          "alice",
          PrincipalKind.HUMAN,
          "shop",
          "risky",
          new RequestSubject.StatementChange("ALTER TABLE t ADD c int", "fp", "{}", "{}", "{}"),
          RequestStatus.PENDING,
          1,
          T0,
          T0,
          T0.plusSeconds(60));

  @Test
  void anApproverWhoDidNotAskMayDecide() {
    assertThat(ApprovalRules.whyNot(BY_ALICE, Principal.human("bob", "approver"), "approve"))
        .isEmpty();
  }

  @Test
  void refusalsSayWhyInOrderAgentSelfRole() {
    assertThat(ApprovalRules.whyNot(BY_ALICE, Principal.agent("alice", "approver"), "approve"))
        .contains("agents cannot approve change requests");
    assertThat(ApprovalRules.whyNot(BY_ALICE, Principal.human("alice", "approver"), "deny"))
        .contains("you cannot deny your own request");
    assertThat(ApprovalRules.whyNot(BY_ALICE, Principal.human("carol", "auditor"), "approve"))
        .contains("only users with the approver role can approve requests; carol does not have it");
  }

  @Test
  void idsAreReadableAndTypedIdsAreNormalized() {
    RequestIds ids = new RequestIds(new SplittableRandom(42));
    for (int i = 0; i < 200; i++) {
      assertThat(ids.newRequestId()).matches("CR-[2-9A-HJKMNP-TV-Z]{6}");
      assertThat(ids.newGrantId()).matches("G-[2-9A-HJKMNP-TV-Z]{6}");
    }
    assertThat(RequestIds.normalizeRequestId(" cr-7f3k2q ")).isEqualTo("CR-7F3K2Q");
    assertThat(RequestIds.normalizeRequestId("7f3k2q")).isEqualTo("CR-7F3K2Q");
    assertThat(RequestIds.normalizeGrantId("g-m4xr9t")).isEqualTo("G-M4XR9T");
  }
}
