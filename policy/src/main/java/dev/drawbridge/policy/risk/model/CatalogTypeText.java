package dev.drawbridge.policy.risk.model;

import dev.drawbridge.policy.facts.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a type name as the catalog prints it ({@code format_type}): {@code integer}, {@code
 * character varying(50)}, {@code numeric(10,2)}, {@code timestamp(3) with time zone}, {@code double
 * precision}, {@code bit varying(8)}, {@code integer[]}, {@code public.my_domain}, {@code
 * "MySchema"."Odd Type"}.
 *
 * <p>This is not a SQL parser: it reads only that output format, and anything else (interval field
 * restrictions such as {@code interval day to second}, the internal {@code "char"} type, stray
 * text) comes back empty, so callers treat the current type as unknown and stay conservative.
 */
public final class CatalogTypeText {

  private final String s;
  private int i;

  private CatalogTypeText(String s) {
    this.s = s;
  }

  /** The type {@code text} names, or empty when the text is not in the catalog's format. */
  public static Optional<TypeName> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      CatalogTypeText p = new CatalogTypeText(text);
      TypeName t = p.type();
      p.space();
      return p.i == text.length() ? Optional.of(t) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private TypeName type() {
    List<Integer> mods = new ArrayList<>();
    QualifiedName name;
    if (peekQuote()) {
      name = qualified();
      if (name.schema().isEmpty() && name.name().equals("char")) {
        throw new IllegalArgumentException("\"char\" is not bpchar");
      }
      modifiers(mods);
    } else {
      String first = word();
      name =
          switch (first) {
            case "double" -> {
              expectWord("precision");
              yield QualifiedName.of("double precision");
            }
            case "character", "char" -> {
              boolean varying = acceptWord("varying");
              modifiers(mods);
              if (!varying && mods.isEmpty()) {
                mods.add(1);
              }
              yield QualifiedName.of(varying ? "varchar" : "bpchar");
            }
            case "bit" -> {
              boolean varying = acceptWord("varying");
              modifiers(mods);
              yield QualifiedName.of(varying ? "varbit" : "bit");
            }
            case "timestamp", "time" -> {
              modifiers(mods);
              boolean tz = false;
              if (acceptWord("with")) {
                tz = true;
                expectWord("time");
                expectWord("zone");
              } else if (acceptWord("without")) {
                expectWord("time");
                expectWord("zone");
              }
              yield QualifiedName.of(tz ? first + "tz" : first);
            }
            case "interval" -> {
              modifiers(mods);
              space();
              if (i < s.length() && Character.isLetter(s.charAt(i))) {
                throw new IllegalArgumentException("interval fields are not modelled");
              }
              yield QualifiedName.of("interval");
            }
            default -> {
              QualifiedName q = qualifiedAfter(first);
              modifiers(mods);
              yield q;
            }
          };
    }
    int dims = 0;
    while (accept('[')) {
      space();
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      expect(']');
      dims++;
    }
    return new TypeName(name, mods, dims);
  }

  private void modifiers(List<Integer> mods) {
    if (!accept('(')) {
      return;
    }
    do {
      space();
      int start = i;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (start == i) {
        throw new IllegalArgumentException("modifier");
      }
      mods.add(Integer.parseInt(s.substring(start, i)));
      space();
    } while (accept(','));
    expect(')');
  }

  private QualifiedName qualified() {
    return qualifiedAfter(identifier());
  }

  private QualifiedName qualifiedAfter(String first) {
    space();
    if (accept('.')) {
      space();
      return QualifiedName.of(first, identifier());
    }
    return QualifiedName.of(first);
  }

  private String identifier() {
    space();
    if (!peekQuote()) {
      return word();
    }
    i++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (i >= s.length()) {
        throw new IllegalArgumentException("unterminated quoted name");
      }
      char c = s.charAt(i++);
      if (c == '"') {
        if (i < s.length() && s.charAt(i) == '"') {
          b.append('"');
          i++;
        } else {
          break;
        }
      } else {
        b.append(c);
      }
    }
    if (b.isEmpty()) {
      throw new IllegalArgumentException("empty quoted name");
    }
    return b.toString();
  }

  /** An unquoted word, lower-cased as PostgreSQL folds it. */
  private String word() {
    space();
    int start = i;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '_' || (c == '$' && i > start)) {
        i++;
      } else {
        break;
      }
    }
    if (start == i || Character.isDigit(s.charAt(start))) {
      throw new IllegalArgumentException("name expected");
    }
    return s.substring(start, i).toLowerCase(Locale.ROOT);
  }

  private boolean acceptWord(String w) {
    int save = i;
    space();
    int start = i;
    while (i < s.length() && Character.isLetter(s.charAt(i))) {
      i++;
    }
    if (s.substring(start, i).equalsIgnoreCase(w)) {
      return true;
    }
    i = save;
    return false;
  }

  private void expectWord(String w) {
    if (!acceptWord(w)) {
      throw new IllegalArgumentException(w + " expected");
    }
  }

  private boolean peekQuote() {
    space();
    return i < s.length() && s.charAt(i) == '"';
  }

  private boolean accept(char c) {
    space();
    if (i < s.length() && s.charAt(i) == c) {
      i++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!accept(c)) {
      throw new IllegalArgumentException("'" + c + "' expected");
    }
  }

  private void space() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }
}
