package dev.drawbridge.gateway.catalog;

import dev.drawbridge.policy.sql.ClassifiedStatement;
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
 */
public record ObjectReferences(Set<String> names, Set<String> functions) {

  public ObjectReferences {
    names = Set.copyOf(names);
    functions = Set.copyOf(functions);
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
    return new ObjectReferences(names, fns);
  }

  public ObjectReferences plus(ObjectReferences other) {
    Set<String> n = new LinkedHashSet<>(names);
    n.addAll(other.names);
    Set<String> f = new LinkedHashSet<>(functions);
    f.addAll(other.functions);
    return new ObjectReferences(n, f);
  }

  public boolean isEmpty() {
    return names.isEmpty() && functions.isEmpty();
  }
}
