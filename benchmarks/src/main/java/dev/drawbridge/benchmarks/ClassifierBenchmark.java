package dev.drawbridge.benchmarks;

import dev.drawbridge.policy.sql.Analysis;
import dev.drawbridge.policy.sql.LexicalException;
import dev.drawbridge.policy.sql.SqlAnalyzer;
import dev.drawbridge.policy.sql.SqlLexer;
import dev.drawbridge.policy.sql.TokenStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Cost of analysing one statement (lex + split + classify) on the gateway's hot path. Target: a
 * 200-character DML statement in at most 2 µs median. {@code SampleTime} reports the median ({@code
 * p0.50}) directly. See {@code benchmarks/README.md} for how to run it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClassifierBenchmark {

  /** A 200-character UPDATE with a parameter, a cast, a string and a subquery. */
  static final String DML_200 =
      "UPDATE public.orders SET status = 'shipped', shipped_at = now(), note = $1::text"
          + " WHERE id IN (SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id"
          + " WHERE u.email = $2 AND o.total > 100) RETURNING id";

  static final String SELECT_200 =
      "SELECT u.id, u.name, count(o.id) AS orders, sum(o.total) AS spent FROM users u"
          + " LEFT JOIN orders o ON o.user_id = u.id WHERE u.created_at > now() - interval '30"
          + " days' GROUP BY u.id, u.name ORDER BY spent DESC LIMIT 50";

  static final String DDL =
      "ALTER TABLE orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()";

  static final String TRICKY =
      "/* header */ SELECT set_config('search_path', 'app', false), $tag$ ; $tag$,"
          + " E'\\x41', U&\"d\\0061ta\" FROM t -- done";

  private final SqlAnalyzer analyzer = new SqlAnalyzer();
  private final SqlLexer lexer = new SqlLexer();

  @Benchmark
  public Analysis analyzeDml200() {
    return analyzer.analyze(DML_200);
  }

  @Benchmark
  public Analysis analyzeSelect200() {
    return analyzer.analyze(SELECT_200);
  }

  @Benchmark
  public Analysis analyzeDdl() {
    return analyzer.analyze(DDL);
  }

  @Benchmark
  public Analysis analyzeTricky() {
    return analyzer.analyze(TRICKY);
  }

  @Benchmark
  public TokenStream lexDml200() throws LexicalException {
    return lexer.lex(DML_200);
  }

  /**
   * Runs this benchmark from the IDE or {@code java -cp benchmarks/target/benchmarks.jar
   * dev.drawbridge.benchmarks.ClassifierBenchmark}.
   */
  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(ClassifierBenchmark.class.getSimpleName()).build())
        .run();
  }
}
