package dev.drawbridge.benchmarks;

import dev.drawbridge.policy.ddl.DdlParseResult;
import dev.drawbridge.policy.ddl.DdlParser;
import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.IndexFacts;
import dev.drawbridge.policy.facts.PgVersion;
import dev.drawbridge.policy.facts.SessionContext;
import dev.drawbridge.policy.facts.TableFacts;
import dev.drawbridge.policy.plan.PolicyEngine;
import dev.drawbridge.policy.plan.StatementResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Cost of judging one DDL statement: the Calcite DDL parse alone, and the whole engine path (lex,
 * split, classify, parse, risk analysis, staged plan, fingerprint) on the core-flow {@code ADD
 * COLUMN} and on a {@code CREATE INDEX}; and the failure path, a statement the grammar refuses.
 * Target: parse + analysis at most 200 µs median. {@code SampleTime} reports the median ({@code
 * p0.50}) directly. See {@code benchmarks/README.md} for how to run it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DdlAnalysisBenchmark {

  /** The core flow. */
  static final String ADD_COLUMN =
      "ALTER TABLE orders ADD COLUMN ref_id uuid NOT NULL DEFAULT gen_random_uuid()";

  static final String CREATE_INDEX = "CREATE INDEX orders_user_id_idx ON orders (user_id)";

  /**
   * Refused by the grammar ({@code value}, reserved in Calcite, inside an expression):
   * NOT_UNDERSTOOD with a position.
   */
  static final String REFUSED =
      "ALTER TABLE orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid() CHECK (value > 0)";

  private final DdlParser parser = new DdlParser();
  private final PolicyEngine engine = new PolicyEngine();
  private final SessionContext session =
      SessionContext.autocommit().withLockTimeout(Duration.ofSeconds(2));
  private final CatalogFacts facts =
      CatalogFacts.builder()
          .version(PgVersion.of(15))
          .setting("TimeZone", "UTC")
          .table(
              "orders",
              TableFacts.builder()
                  .rows(5_000_000)
                  .sizeBytes(2_000_000_000L)
                  .primaryKey("id")
                  .column("id", "bigint", true)
                  .column("user_id", "bigint", false)
                  .column("status", "text", false)
                  .index(new IndexFacts("orders_pkey", List.of("id"), true, true))
                  .build())
          .build();

  /** Fails the run if a statement does not take the path its benchmark is named after. */
  @Setup
  public void checkPaths() {
    require(parser.parse(ADD_COLUMN) instanceof DdlParseResult.Parsed, ADD_COLUMN);
    require(parser.parse(CREATE_INDEX) instanceof DdlParseResult.Parsed, CREATE_INDEX);
    require(parser.parse(REFUSED) instanceof DdlParseResult.NotUnderstood, REFUSED);
    require(analyzeAddColumn().getFirst() instanceof StatementResult.Judged, ADD_COLUMN);
    require(analyzeCreateIndex().getFirst() instanceof StatementResult.Judged, CREATE_INDEX);
    require(analyzeRefused().getFirst() instanceof StatementResult.NotUnderstood, REFUSED);
  }

  private static void require(boolean ok, String sql) {
    if (!ok) {
      throw new IllegalStateException("unexpected path for " + sql);
    }
  }

  @Benchmark
  public DdlParseResult parseAddColumn() {
    return parser.parse(ADD_COLUMN);
  }

  @Benchmark
  public DdlParseResult parseCreateIndex() {
    return parser.parse(CREATE_INDEX);
  }

  @Benchmark
  public DdlParseResult parseRefused() {
    return parser.parse(REFUSED);
  }

  @Benchmark
  public List<StatementResult> analyzeAddColumn() {
    return engine.analyze(ADD_COLUMN, session, facts);
  }

  @Benchmark
  public List<StatementResult> analyzeCreateIndex() {
    return engine.analyze(CREATE_INDEX, session, facts);
  }

  @Benchmark
  public List<StatementResult> analyzeRefused() {
    return engine.analyze(REFUSED, session, facts);
  }

  /**
   * Runs this benchmark from the IDE or {@code java -cp benchmarks/target/benchmarks.jar
   * dev.drawbridge.benchmarks.DdlAnalysisBenchmark}.
   */
  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(DdlAnalysisBenchmark.class.getSimpleName()).build())
        .run();
  }
}
