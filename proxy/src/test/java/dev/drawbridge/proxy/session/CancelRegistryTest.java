package dev.drawbridge.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class CancelRegistryTest {

  private final CancelRegistry registry = new CancelRegistry(new SecureRandom());
  private final CancelRegistry.Target target =
      new CancelRegistry.Target(new InetSocketAddress("127.0.0.1", 5432), 4711, 99);

  @Test
  void keysArePositiveUniqueAndOnlyTheRightSecretMatches() {
    int[] key = registry.register(target);
    assertThat(key[0]).isBetween(1, Integer.MAX_VALUE);
    assertThat(registry.lookup(key[0], key[1])).contains(target);
    assertThat(registry.lookup(key[0], key[1] + 1)).isEmpty();
    assertThat(registry.lookup(key[0] + 1, key[1])).isEmpty();
    for (int i = 0; i < 1000; i++) {
      assertThat(registry.register(target)[0]).isPositive();
    }
    assertThat(registry.size()).isEqualTo(1001);
  }

  @Test
  void aClosedSessionCannotBeCancelled() {
    int[] key = registry.register(target);
    registry.unregister(key[0]);
    assertThat(registry.lookup(key[0], key[1])).isEmpty();
  }
}
