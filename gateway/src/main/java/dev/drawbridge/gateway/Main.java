package dev.drawbridge.gateway;

/** Entry point of the {@code drawbridge} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.err.println("drawbridge: the command line is being built (issue 2)");
    System.exit(2);
  }
}
