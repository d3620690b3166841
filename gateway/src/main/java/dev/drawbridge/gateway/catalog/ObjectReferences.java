package dev.drawbridge.gateway.catalog;

import dev.drawbridge.policy.risk.model.AlterAction;
import dev.drawbridge.policy.risk.model.DdlFrontEnd;
import dev.drawbridge.policy.risk.model.DdlStatement;
import dev.drawbridge.policy.sql.ClassifiedStatement;
import dev.drawbridge.policy.sql.StatementClass;
import dev.drawbridge.policy.sql.TokenStream;
import dev.drawbridge.policy.sql.TokenType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names a statement may refer to, as written (case-folded, possibly schema-qualified with a
 * dot): every name is a candidate table and type, a name followed by {@code (} is also a candidate
 * function. Over-approximating is cheap: the inspector looks them all up in one query per kind and
 * keeps only what exists.
 *
 * @param names every identifier or dotted pair of identifiers
 * @param functions names directly followed by an opening parenthesis
 * @param attachments {@code ATTACH PARTITION}s of the statement, for the bound-check fact
 */
public record ObjectReferences(
    Set<String> names, Set<String> functions, List<Attachment> attachments) {

  /**
   * {@code ALTER TABLE parent ATTACH PARTITION partition bound}, names as written.
   *
   * @param parent the partitioned table
   * @param partition the table to attach
   * @param bound its bound as the policy's model reads it
   */
  public record Attachment(String parent, String partition, AlterAction.PartitionBound bound) {}

  private static final DdlFrontEnd DDL = DdlFrontEnd.calcite();

  public ObjectReferences {
    names = Set.copyOf(names);
    functions = Set.copyOf(functions);
    attachments = List.copyOf(attachments);
  }

  public ObjectReferences(Set<String> names, Set<String> functions) {
    this(names, functions, List.of());
  }

  public static ObjectReferences none() {
    return new ObjectReferences(Set.of(), Set.of());
  }

  public static ObjectReferences of(Collection<String> tablesOrTypes, Collection<String> fns) {
    return new ObjectReferences(new LinkedHashSet<>(tablesOrTypes), new LinkedHashSet<>(fns));
  }

  /** The names in one classified statement, from its tokens. */
  public static ObjectReferences of(ClassifiedStatement st) {
    TokenStream ts = st.tokens();
    int end = st.span().endToken();
    Set<String> names = new LinkedHashSet<>();
    Set<String> fns = new LinkedHashSet<>();
    for (int t = st.span().firstToken(); t < end; t++) {
      if (!ts.type(t).isIdentifier()) {
        continue;
      }
      List<String> parts = new ArrayList<>();
      parts.add(ts.identifier(t));
      while (t + 2 < end && ts.type(t + 1) == TokenType.DOT && ts.type(t + 2).isIdentifier()) {
        parts.add(ts.identifier(t + 2));
        t += 2;
      }
      if (parts.size() > 2) {
        continue; // column references such as s.t.c; the table part is also taken below
      }
      String name = String.join(".", parts);
      names.add(name);
      if (parts.size() == 2) {
        names.add(parts.get(0));
        names.add(parts.get(1));
      }
      if (t + 1 < end && ts.type(t + 1) == TokenType.LEFT_PAREN) {
        fns.add(name);
      }
    }
    return new ObjectReferences(names, fns, attachments(st));
  }

  /** The ATTACH PARTITION actions of an ALTER TABLE (parsed with the policy's DDL parser). */
  private static List<Attachment> attachments(ClassifiedStatement st) {
    if (st.statementClass() != StatementClass.DDL
        || !st.command().startsWith("ALTER TABLE")
        || !st.text().toUpperCase(java.util.Locale.ROOT).contains("ATTACH")) {
      return List.of();
    }
    List<Attachment> out = new ArrayList<>();
    if (DDL.parse(st.ddlText()) instanceof DdlFrontEnd.Result.Ok ok
        && ok.statement() instanceof DdlStatement.AlterTable a) {
      for (AlterAction x : a.actions()) {
        if (x instanceof AlterAction.AttachPartition ap) {
          out.add(new Attachment(a.table().toString(), ap.partition().toString(), ap.bound()));
        }
      }
    }
    return out;
  }

  public ObjectReferences plus(ObjectReferences other) {
    Set<String> n = new LinkedHashSet<>(names);
    n.addAll(other.names);
    Set<String> f = new LinkedHashSet<>(functions);
    f.addAll(other.functions);
    List<Attachment> a = new ArrayList<>(attachments);
    a.addAll(other.attachments);
    return new ObjectReferences(n, f, a);
  }

  public boolean isEmpty() {
    return names.isEmpty() && functions.isEmpty() && attachments.isEmpty();
  }
}
