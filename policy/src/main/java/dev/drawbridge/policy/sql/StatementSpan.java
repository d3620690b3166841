package dev.drawbridge.policy.sql;

/**
 * One statement of a multi-statement string, as the splitter cut it.
 *
 * @param index zero-based position among the non-empty statements
 * @param firstToken index of its first token
 * @param endToken index just past its last token (its terminating semicolon is not included)
 * @param startOffset offset of its first token
 * @param endOffset offset just past its last token
 * @param unterminatedBody whether a {@code BEGIN ATOMIC} body was still open at the end of input
 */
public record StatementSpan(
    int index,
    int firstToken,
    int endToken,
    int startOffset,
    int endOffset,
    boolean unterminatedBody) {}
