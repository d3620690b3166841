package dev.drawbridge.policy.access;

import dev.drawbridge.policy.sql.StatementClass;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One access rule: if the principal has {@code role}, is of {@code kind}, the statement is of one
 * of {@code classes} and the database matches {@code database}, the answer is {@code verdict}.
 *
 * @param role a role glob the principal must hold one role matching; {@code "*"} matches anyone,
 *     including principals with no roles
 * @param kind the principal kind, or {@code null} for any
 * @param classes the statement classes the rule covers; empty means all
 * @param database a database-name glob ({@code *} and {@code ?})
 * @param verdict what to answer
 * @param reason the text the user sees, saying what to do next
 */
public record AccessRule(
    String role,
    PrincipalKind kind,
    Set<StatementClass> classes,
    String database,
    Verdict verdict,
    String reason) {

  /** Classes that are always denied, whatever the rules say. */
  static final Set<StatementClass> ALWAYS_DENIED =
      EnumSet.of(StatementClass.UNKNOWN, StatementClass.ROLE_CHANGE);

  /** Classes an agent may run without approval. */
  static final Set<StatementClass> AGENT_ALLOWED =
      EnumSet.of(StatementClass.READ, StatementClass.TRANSACTION, StatementClass.SESSION);

  public AccessRule {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    classes = classes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(classes));
    if (reason.isBlank()) {
      throw new IllegalArgumentException("an access rule needs a reason users can act on");
    }
    if (verdict != Verdict.DENY) {
      for (StatementClass c : classes) {
        if (ALWAYS_DENIED.contains(c)) {
          throw new IllegalArgumentException(
              "a rule cannot "
                  + verdict
                  + " "
                  + c
                  + ": role changes and statements not understood are always denied");
        }
      }
    }
    if (verdict == Verdict.ALLOW && kind == PrincipalKind.AGENT) {
      Set<StatementClass> covered =
          classes.isEmpty() ? EnumSet.allOf(StatementClass.class) : classes;
      for (StatementClass c : covered) {
        if (!AGENT_ALLOWED.contains(c) && !ALWAYS_DENIED.contains(c)) {
          throw new IllegalArgumentException(
              "a rule cannot ALLOW agents to run "
                  + c
                  + " statements: agents are read-only, their changes need approval");
        }
      }
    }
  }

  /** Whether this rule applies. */
  public boolean matches(Principal principal, String databaseName, StatementClass statementClass) {
    if (kind != null && kind != principal.kind()) {
      return false;
    }
    if (!classes.isEmpty() && !classes.contains(statementClass)) {
      return false;
    }
    if (!Glob.matches(database, databaseName)) {
      return false;
    }
    if (role.equals("*")) {
      return true;
    }
    for (String r : principal.roles()) {
      if (Glob.matches(role, r)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A rule as written in configuration: every field a string, {@code null} or {@code "*"} meaning
   * "any". Turned into an {@link AccessRule} by {@link #toRule()}, which rejects unknown names.
   *
   * @param role role glob
   * @param kind {@code HUMAN} or {@code AGENT}
   * @param classes statement class names, e.g. {@code ["READ", "WRITE"]}
   * @param database database-name glob
   * @param decision {@code ALLOW}, {@code DENY}, {@code NEEDS_APPROVAL} or {@code REWRITE}
   * @param reason the message users see
   */
  public record Spec(
      String role,
      String kind,
      List<String> classes,
      String database,
      String decision,
      String reason) {

    /** Validates and converts. */
    public AccessRule toRule() {
      PrincipalKind k = any(kind) ? null : parse(PrincipalKind.class, kind, "principal kind");
      EnumSet<StatementClass> cs = EnumSet.noneOf(StatementClass.class);
      if (classes != null) {
        for (String c : classes) {
          if (!any(c)) {
            cs.add(parse(StatementClass.class, c, "statement class"));
          }
        }
      }
      if (decision == null) {
        throw new IllegalArgumentException(
            "rule has no decision; expected one of " + names(Verdict.class));
      }
      Verdict v = parse(Verdict.class, decision, "decision");
      String why =
          reason == null || reason.isBlank()
              ? "access rule: " + v.name().toLowerCase(Locale.ROOT)
              : reason;
      return new AccessRule(any(role) ? "*" : role, k, cs, any(database) ? "*" : database, v, why);
    }

    private static boolean any(String s) {
      return s == null || s.isBlank() || s.equals("*");
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String what) {
      String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
      try {
        return Enum.valueOf(type, key);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown " + what + " '" + name + "'; expected one of " + names(type), e);
      }
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
      return Arrays.stream(type.getEnumConstants())
          .map(Enum::name)
          .collect(Collectors.joining(", "));
    }
  }
}
