package dev.drawbridge.policy.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlLexerTest {
  private static final SqlLexer LEXER = new SqlLexer();

  static TokenStream lex(String sql) {
    try {
      return LEXER.lex(sql);
    } catch (LexicalException e) {
      throw new AssertionError("unexpected lexical error: " + e.error(), e);
    }
  }

  /** Tokens as TYPE:text, e.g. IDENTIFIER:select. */
  static List<String> tokens(String sql) {
    TokenStream ts = lex(sql);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ts.size(); i++) {
      out.add(ts.type(i) + ":" + ts.text(i));
    }
    return out;
  }

  static LexicalError error(String sql) {
    return catchThrowableOfType(LexicalException.class, () -> LEXER.lex(sql)).error();
  }

  @Test
  void identifiersAndKeywordsFoldAsciiOnly() {
    TokenStream ts = lex("SeLeCt Foo, ÄBC, a$b$c, _x1");
    assertThat(ts.keyword(0)).isEqualTo(Keyword.SELECT);
    assertThat(ts.identifier(1)).isEqualTo("foo");
    assertThat(ts.identifier(3)).isEqualTo("Äbc"); // non-ASCII letters are not folded
    assertThat(ts.identifier(5)).isEqualTo("a$b$c");
    assertThat(ts.type(5)).isEqualTo(TokenType.IDENTIFIER);
    assertThat(ts.identifier(7)).isEqualTo("_x1");
    assertThat(ts.keyword(1)).isNull();
  }

  @Test
  void longIdentifiersAreTruncatedTo63Bytes() {
    String name = "a".repeat(70);
    assertThat(lex(name).identifier(0)).hasSize(63);
    assertThat(lex("\"" + "é".repeat(40) + "\"").identifier(0)).hasSize(31); // 2 bytes each
  }

  @Test
  void quotedIdentifiersUndoubleAndAreNeverKeywords() {
    TokenStream ts = lex("\"Se\"\"lect\" \"select\"");
    assertThat(ts.type(0)).isEqualTo(TokenType.QUOTED_IDENTIFIER);
    assertThat(ts.identifier(0)).isEqualTo("Se\"lect");
    assertThat(ts.keyword(1)).isNull();
    assertThat(ts.identifier(1)).isEqualTo("select");
  }

  @Test
  void unicodeIdentifierWithDefaultAndCustomEscape() {
    TokenStream ts = lex("U&\"\\0064rop\" u&\"d!0061t!+000061!!\" UESCAPE '!' x");
    assertThat(ts.type(0)).isEqualTo(TokenType.UNICODE_IDENTIFIER);
    assertThat(ts.identifier(0)).isEqualTo("drop");
    assertThat(ts.keyword(0)).isNull();
    assertThat(ts.identifier(1)).isEqualTo("data!");
    assertThat(ts.text(1)).isEqualTo("u&\"d!0061t!+000061!!\" UESCAPE '!'");
    assertThat(ts.identifier(2)).isEqualTo("x");
    assertThat(ts.size()).isEqualTo(3);
  }

  @Test
  void unicodeSurrogatePairsCombine() {
    assertThat(lex("U&\"\\D83D\\DE00\"").identifier(0)).isEqualTo("\uD83D\uDE00");
    assertThat(lex("E'\\uD83D\\uDE00'").stringValue(0)).isEqualTo("\uD83D\uDE00");
  }

  @Test
  void stringsWithDoubledQuotesAndContinuation() {
    TokenStream ts = lex("'it''s' 'a'\n  'b' 'c' 'd'");
    assertThat(ts.stringValue(0)).isEqualTo("it's");
    assertThat(ts.stringValue(1)).isEqualTo("ab"); // continued across a newline
    assertThat(ts.stringValue(2)).isEqualTo("c"); // same line: two constants (a syntax error later)
    assertThat(ts.size()).isEqualTo(4);
  }

  @Test
  void continuationMayCrossLineCommentsButNotBlockComments() {
    assertThat(lex("'a' -- note\n'b'").size()).isEqualTo(1);
    assertThat(lex("'a' -- note\n'b'").stringValue(0)).isEqualTo("ab");
    assertThat(lex("'a' /* c */\n'b'").size()).isEqualTo(2);
  }

  @Test
  void escapeStrings() {
    TokenStream ts = lex("E'a\\'b\\\\c\\n\\x41\\101\\u0042\\q' e'\\\\'");
    assertThat(ts.type(0)).isEqualTo(TokenType.ESCAPE_STRING);
    assertThat(ts.stringValue(0)).isEqualTo("a'b\\c\nAAB" + "q");
    assertThat(ts.stringValue(1)).isEqualTo("\\");
    assertThat(lex("E'\\xc3\\xa9'").stringValue(0)).isEqualTo("é");
  }

  @Test
  void standardStringsTreatBackslashLiterally() {
    TokenStream ts = lex("'a\\' , 'b'");
    assertThat(ts.stringValue(0)).isEqualTo("a\\");
    assertThat(ts.type(1)).isEqualTo(TokenType.COMMA);
  }

  @Test
  void withStandardConformingStringsOffBackslashEscapesInPlainStrings() throws Exception {
    SqlLexer off = new SqlLexer(LexerOptions.DEFAULTS.withStandardConformingStrings(false));
    TokenStream ts = off.lex("SELECT 'a\\' ; DROP TABLE t; --'");
    assertThat(ts.size()).isEqualTo(2);
    assertThat(ts.stringValue(1)).isEqualTo("a' ; DROP TABLE t; --");
  }

  @Test
  void unicodeStrings() {
    TokenStream ts = lex("U&'d\\0061t\\+000061' U&'x!0041' UESCAPE '!'");
    assertThat(ts.type(0)).isEqualTo(TokenType.UNICODE_STRING);
    assertThat(ts.stringValue(0)).isEqualTo("data");
    assertThat(ts.stringValue(1)).isEqualTo("xA");
  }

  @Test
  void bitHexAndNationalStrings() {
    assertThat(tokens("B'1010' x'1F' N'abc'"))
        .containsExactly("BIT_STRING:B'1010'", "HEX_STRING:x'1F'", "STRING:N'abc'");
    assertThat(lex("N'abc'").stringValue(0)).isEqualTo("abc");
  }

  @Test
  void dollarQuotes() {
    TokenStream ts = lex("$$a;'b$$ $tag$ $$ ; $ta$ $tag$ $_1$x$_1$");
    assertThat(ts.size()).isEqualTo(3);
    assertThat(ts.stringValue(0)).isEqualTo("a;'b");
    assertThat(ts.stringValue(1)).isEqualTo(" $$ ; $ta$ ");
    assertThat(ts.stringValue(2)).isEqualTo("x");
  }

  @Test
  void dollarTagsAreCaseSensitive() {
    assertThat(lex("$A$ $a$ $A$").size()).isEqualTo(1);
  }

  @Test
  void dollarAfterIdentifierCharactersIsPartOfTheIdentifier() {
    assertThat(tokens("x$$y$$ a$1")).containsExactly("IDENTIFIER:x$$y$$", "IDENTIFIER:a$1");
  }

  @Test
  void parameters() {
    TokenStream ts = lex("$1 + $12::int");
    assertThat(ts.type(0)).isEqualTo(TokenType.PARAMETER);
    assertThat(ts.parameterNumber(2)).isEqualTo(12);
    assertThat(ts.maxParameter()).isEqualTo(12);
    assertThat(ts.type(3)).isEqualTo(TokenType.TYPECAST);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "42|INTEGER",
        "1_000|INTEGER",
        "0x1F|INTEGER",
        "0X_1f|INTEGER",
        "0o17|INTEGER",
        "0b1010_1|INTEGER",
        "1.5|NUMERIC",
        ".5|NUMERIC",
        "5.|NUMERIC",
        "1e5|NUMERIC",
        "1.5E-3|NUMERIC",
        ".5e+2|NUMERIC",
        "1_000.000_1|NUMERIC"
      })
  void numbers(String text, TokenType type) {
    assertThat(tokens(text)).containsExactly(type + ":" + text);
  }

  @Test
  void integerFollowedByDotDotIsNotNumeric() {
    assertThat(tokens("1..5")).containsExactly("INTEGER:1", "DOT_DOT:..", "INTEGER:5");
    assertThat(tokens(".5.5")).containsExactly("NUMERIC:.5", "NUMERIC:.5");
  }

  @Test
  void punctuation() {
    assertThat(tokens("a.b[1]:=(x),y;z:w"))
        .containsExactly(
            "IDENTIFIER:a",
            "DOT:.",
            "IDENTIFIER:b",
            "LEFT_BRACKET:[",
            "INTEGER:1",
            "RIGHT_BRACKET:]",
            "COLON_EQUALS::=",
            "LEFT_PAREN:(",
            "IDENTIFIER:x",
            "RIGHT_PAREN:)",
            "COMMA:,",
            "IDENTIFIER:y",
            "SEMICOLON:;",
            "IDENTIFIER:z",
            "COLON::",
            "IDENTIFIER:w");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // input | tokens joined by spaces
        "a<=b|IDENTIFIER:a OPERATOR:<= IDENTIFIER:b",
        "a=-1|IDENTIFIER:a OPERATOR:= OPERATOR:- INTEGER:1",
        "a@-1|IDENTIFIER:a OPERATOR:@- INTEGER:1",
        "a*-+1|IDENTIFIER:a OPERATOR:* OPERATOR:- OPERATOR:+ INTEGER:1",
        "a->>'k'|IDENTIFIER:a OPERATOR:->> STRING:'k'",
        "a !~~* b|IDENTIFIER:a OPERATOR:!~~* IDENTIFIER:b",
        "a ? 'k'|IDENTIFIER:a OPERATOR:? STRING:'k'",
        "a+/*c*/b|IDENTIFIER:a OPERATOR:+ IDENTIFIER:b",
        "a*--c\\nb|IDENTIFIER:a OPERATOR:* IDENTIFIER:b",
        "x::int|IDENTIFIER:x TYPECAST::: IDENTIFIER:int",
        "f(a => 1)|IDENTIFIER:f LEFT_PAREN:( IDENTIFIER:a OPERATOR:=> INTEGER:1 RIGHT_PAREN:)"
      })
  void operators(String sql, String expected) {
    assertThat(String.join(" ", tokens(sql.replace("\\n", "\n")))).isEqualTo(expected);
  }

  @Test
  void commentsProduceNoTokens() {
    assertThat(tokens("-- a ; b\n/* c /* nested ; */ still comment */ x -- tail"))
        .containsExactly("IDENTIFIER:x");
    // inside a comment, "/*" nests but a lone "/" does not
    assertThat(tokens("/*/ */ y")).containsExactly("IDENTIFIER:y");
    assertThat(tokens("/* /*/ */ */ y")).containsExactly("IDENTIFIER:y");
    assertThat(tokens("/*/ */ */ y")).containsExactly("OPERATOR:*/", "IDENTIFIER:y");
  }

  @Test
  void positionsCountLinesAndColumns() {
    TokenStream ts = lex("SELECT\n  a,\r\n\tb");
    assertThat(ts.position(1)).isEqualTo(new SourcePosition(9, 2, 3));
    assertThat(ts.position(3)).isEqualTo(new SourcePosition(14, 3, 2));
    assertThat(ts.start(3)).isEqualTo(14);
    assertThat(ts.end(3)).isEqualTo(15);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // input | message | line | column
        "SELECT 'abc|unterminated quoted string|1|8",
        "SELECT E'abc\\'|unterminated quoted string|1|8",
        "SELECT \"abc|unterminated quoted identifier|1|8",
        "SELECT U&\"abc|unterminated quoted identifier|1|8",
        "SELECT B'01|unterminated bit string literal|1|8",
        "SELECT X'0F|unterminated hexadecimal string literal|1|8",
        "SELECT 1 /* a /* b */|unterminated /* comment|1|10",
        "SELECT $$abc|unterminated dollar-quoted string|1|8",
        "SELECT $a$ abc $b$|unterminated dollar-quoted string|1|8",
        "SELECT \"\"|zero-length delimited identifier|1|8",
        "SELECT U&\"\"|zero-length delimited identifier|1|8",
        "SELECT 1abc|trailing junk after numeric literal|1|8",
        "SELECT 1_|trailing junk after numeric literal|1|8",
        "SELECT 1e|trailing junk after numeric literal|1|8",
        "SELECT 0x|invalid hexadecimal integer|1|8",
        "SELECT 0b2|trailing junk after numeric literal|1|8",
        "SELECT 0b|invalid binary integer|1|8",
        "SELECT 0x_|invalid hexadecimal integer|1|8",
        "SELECT $1_0|trailing junk after parameter|1|8",
        "SELECT $1a|trailing junk after parameter|1|8",
        "SELECT $abc|syntax error at or near \"$\"|1|8",
        "SELECT $|syntax error at or near \"$\"|1|8",
        "SELECT {|syntax error at or near \"{\"|1|8",
        "SELECT \\x|syntax error at or near \"\\\"|1|8",
        "SELECT U&'\\00'|invalid Unicode escape|1|11",
        "SELECT U&'\\0000'|invalid Unicode escape value|1|11",
        "SELECT U&'\\D800x'|invalid Unicode surrogate pair|1|11",
        "SELECT U&'\\DC00'|invalid Unicode surrogate pair|1|11",
        "SELECT U&'\\+110000'|invalid Unicode escape value|1|11",
        "SELECT U&'x' UESCAPE 'ab'|invalid Unicode escape character|1|22",
        "SELECT U&'x' UESCAPE 'a'|invalid Unicode escape character|1|22",
        "SELECT U&'x' UESCAPE '+'|invalid Unicode escape character|1|22",
        "SELECT U&'x' UESCAPE x|UESCAPE must be followed by a simple string literal|1|14",
        "SELECT E'\\u12'|invalid Unicode escape (Unicode escapes must be \\uXXXX or \\UXXXXXXXX)|1|10",
        "SELECT E'\\uDC00'|invalid Unicode surrogate pair|1|10",
        "SELECT E'\\u00|invalid Unicode escape (Unicode escapes must be \\uXXXX or \\UXXXXXXXX)|1|10",
        "SELECT U&'!0061' UESCAPE '!|unterminated quoted string|1|26"
      })
  void lexicalErrorsCarryThePositionOfTheOffendingToken(
      String sql, String message, int line, int column) {
    LexicalError e = error(sql);
    assertThat(e.message()).isEqualTo(message);
    assertThat(e.position().line()).isEqualTo(line);
    assertThat(e.position().column()).isEqualTo(column);
  }

  @Test
  void errorPositionOnALaterLine() {
    LexicalError e = error("SELECT 1;\n  SELECT 'oops");
    assertThat(e.position()).isEqualTo(new SourcePosition(19, 2, 10));
  }

  @Test
  void unicodeStringsAreRefusedWhenBackslashesEscape() {
    SqlLexer off = new SqlLexer(LexerOptions.DEFAULTS.withStandardConformingStrings(false));
    assertThatThrownBy(() -> off.lex("SELECT U&'x'"))
        .isInstanceOf(LexicalException.class)
        .hasMessageContaining("unsafe use of string constant with Unicode escapes");
  }

  @Test
  void inputOverTheCapIsRefused() {
    SqlLexer small = new SqlLexer(LexerOptions.DEFAULTS.withMaxInputLength(10));
    assertThatThrownBy(() -> small.lex("SELECT 1234567"))
        .isInstanceOf(LexicalException.class)
        .hasMessageContaining("more than the limit of 10");
    assertThatThrownBy(() -> LexerOptions.DEFAULTS.withMaxInputLength(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
