package dev.drawbridge.gateway.workflow;

import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Ids people can read aloud and type: a prefix and six characters without look-alikes (no 0/O,
 * 1/I/L, U), for example {@code CR-7F3K2Q} and {@code G-M4XR9T}.
 */
public final class RequestIds {

  private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final int LENGTH = 6;

  private final RandomGenerator random;

  /** Draws characters from {@code random} (a {@code SecureRandom} in production). */
  public RequestIds(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  public String newRequestId() {
    return "CR-" + draw();
  }

  public String newGrantId() {
    return "G-" + draw();
  }

  private String draw() {
    StringBuilder sb = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  /** A request id as typed ({@code cr-7f3k2q}, {@code 7F3K2Q}) in its stored form. */
  public static String normalizeRequestId(String typed) {
    String s = typed.trim().toUpperCase(Locale.ROOT);
    return s.startsWith("CR-") ? s : "CR-" + s;
  }

  /** A grant id as typed in its stored form. */
  public static String normalizeGrantId(String typed) {
    String s = typed.trim().toUpperCase(Locale.ROOT);
    return s.startsWith("G-") ? s : "G-" + s;
  }
}
