package dev.drawbridge.proxy.session;

import java.net.SocketAddress;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps the BackendKeyData the gateway gives clients to the upstream's real key, for as long as the
 * session lives. Gateway process ids are random in 1..2^31-1 (pgjdbc ignores negative ones) and
 * unique among live sessions; secrets are random.
 */
public final class CancelRegistry {

  /** Where a cancel for one gateway key must go. */
  public record Target(SocketAddress upstream, int processId, int secretKey) {}

  private record Entry(int secretKey, Target target) {}

  private final ConcurrentHashMap<Integer, Entry> entries = new ConcurrentHashMap<>();
  private final SecureRandom random;

  public CancelRegistry(SecureRandom random) {
    this.random = random;
  }

  /** A gateway key (process id, secret) registered for the given upstream target. */
  public int[] register(Target target) {
    int secret = random.nextInt();
    while (true) {
      int pid = 1 + random.nextInt(Integer.MAX_VALUE);
      if (entries.putIfAbsent(pid, new Entry(secret, target)) == null) {
        return new int[] {pid, secret};
      }
    }
  }

  /**
   * Points a live key at another upstream backend (the session moved to another login); the client
   * keeps the key it was given. Does nothing for a key that is gone.
   */
  public void retarget(int processId, Target target) {
    entries.computeIfPresent(processId, (pid, e) -> new Entry(e.secretKey, target));
  }

  /** Forgets a key when its session ends. */
  public void unregister(int processId) {
    entries.remove(processId);
  }

  /** The upstream target for a gateway key, if the key is live and the secret matches. */
  public Optional<Target> lookup(int processId, int secretKey) {
    Entry e = entries.get(processId);
    if (e == null) {
      return Optional.empty();
    }
    byte[] a = intBytes(e.secretKey);
    byte[] b = intBytes(secretKey);
    return MessageDigest.isEqual(a, b) ? Optional.of(e.target) : Optional.empty();
  }

  int size() {
    return entries.size();
  }

  private static byte[] intBytes(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }
}
