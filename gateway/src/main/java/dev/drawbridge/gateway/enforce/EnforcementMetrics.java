package dev.drawbridge.gateway.enforce;

import dev.drawbridge.gateway.config.PolicyMode;
import dev.drawbridge.policy.sql.StatementClass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * The gate's meters: {@value #DECISIONS} counts queries by the class of their most telling
 * statement, the outcome and the mode; {@value #DEFERRED} counts decisions that waited for the
 * catalog or the workflow, {@value #FACTS_UNKNOWN} the lookups that timed out or failed. Tags are
 * low-cardinality (never SQL text or user names). Every counter is registered up front, so counting
 * does not allocate.
 */
final class EnforcementMetrics {

  static final String DECISIONS = "drawbridge.policy.decisions";
  static final String DEFERRED = "drawbridge.policy.deferred";
  static final String FACTS_UNKNOWN = "drawbridge.policy.facts.unknown";

  private final Counter[][] decisions;
  private final Counter deferred;
  private final Counter factsUnknown;

  EnforcementMetrics(MeterRegistry registry, PolicyMode mode) {
    StatementClass[] classes = StatementClass.values();
    GateOutcome[] outcomes = GateOutcome.values();
    decisions = new Counter[classes.length][outcomes.length];
    for (StatementClass c : classes) {
      for (GateOutcome o : outcomes) {
        decisions[c.ordinal()][o.ordinal()] =
            Counter.builder(DECISIONS)
                .tag("class", c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .tag("decision", o.tag())
                .tag("mode", mode.configName())
                .description("statements judged by the policy gate")
                .register(registry);
      }
    }
    deferred =
        Counter.builder(DEFERRED)
            .description("decisions that waited for catalog facts or the approval workflow")
            .register(registry);
    factsUnknown =
        Counter.builder(FACTS_UNKNOWN)
            .description("catalog lookups that timed out or failed (facts taken as unknown)")
            .register(registry);
  }

  void decided(StatementClass statementClass, GateOutcome outcome) {
    decisions[statementClass.ordinal()][outcome.ordinal()].increment();
  }

  void deferred() {
    deferred.increment();
  }

  void factsUnknown() {
    factsUnknown.increment();
  }
}
