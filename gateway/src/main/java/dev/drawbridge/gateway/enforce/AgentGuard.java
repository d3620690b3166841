package dev.drawbridge.gateway.enforce;

import dev.drawbridge.policy.sql.ClassifiedStatement;
import dev.drawbridge.policy.sql.StatementClass;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What keeps an agent session inside its limits. Agents run with a statement timeout and read-only
 * transactions by default, set as startup options of the upstream session ({@link
 * #upstreamParameters}); this guard refuses the statements that would lift those limits: {@code
 * SET}/{@code RESET} of the timeout or read-only settings, {@code RESET ALL}, read-write
 * transactions, and any {@code set_config(...)} call. Reading the text of transaction and session
 * statements (and nothing else) is deliberately coarse: a false match refuses, which is the safe
 * side for an agent.
 */
final class AgentGuard {

  private static final Pattern LIMIT_SETTING =
      Pattern.compile(
          "\\b(STATEMENT_TIMEOUT|DEFAULT_TRANSACTION_READ_ONLY|TRANSACTION_READ_ONLY"
              + "|IDLE_IN_TRANSACTION_SESSION_TIMEOUT|TRANSACTION_TIMEOUT|ALL)\\b");
  private static final Pattern READ_WRITE = Pattern.compile("\\bREAD\\s+WRITE\\b");

  private final Duration statementTimeout;

  AgentGuard(Duration statementTimeout) {
    this.statementTimeout = statementTimeout;
  }

  /** Why an agent may not run this statement, or empty when the guard has no objection. */
  Optional<String> violation(ClassifiedStatement st) {
    if (st.referencesSetConfig()) {
      return Optional.of("agents may not call set_config(); their session settings are fixed");
    }
    StatementClass c = st.statementClass();
    if (c != StatementClass.SESSION && c != StatementClass.TRANSACTION) {
      return Optional.empty();
    }
    String text = st.text().toUpperCase(Locale.ROOT);
    if (READ_WRITE.matcher(text).find()) {
      return Optional.of("agents run read-only transactions; READ WRITE is not allowed");
    }
    if (c == StatementClass.SESSION
        && (text.startsWith("SET") || text.startsWith("RESET"))
        && LIMIT_SETTING.matcher(text).find()) {
      return Optional.of(
          "agents may not change their statement timeout or read-only setting (the timeout is "
              + statementTimeout.toSeconds()
              + "s)");
    }
    return Optional.empty();
  }

  /**
   * The startup parameters an agent's upstream session needs: a statement timeout and read-only
   * transactions, as {@code options} ({@code -c name=value}). For the proxy to add to the
   * StartupMessage it sends upstream.
   */
  Map<String, String> upstreamParameters() {
    return upstreamParameters(true);
  }

  /**
   * The same, for an agent whose transactions are read-only ({@code readOnly}) or, under a JIT
   * elevation to write, not.
   */
  Map<String, String> upstreamParameters(boolean readOnly) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(
        "options",
        "-c statement_timeout="
            + Math.max(1, statementTimeout.toMillis())
            + (readOnly ? " -c default_transaction_read_only=on" : ""));
    return p;
  }
}
