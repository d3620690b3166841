package dev.drawbridge.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A client that stops reading must make the proxy stop reading the upstream. */
@ExtendWith(PostgresExtension.class)
class BackpressureIT {

  private static long usedMemory() {
    var metric = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
    return metric.usedDirectMemory() + metric.usedHeapMemory();
  }

  @Test
  void slowClientDoesNotMakeTheProxyBufferTheResult(TestPostgres pg) throws Exception {
    try (ProxyFixture proxy = new ProxyFixture(pg);
        Socket s = new Socket()) {
      s.setReceiveBufferSize(16 * 1024);
      s.connect(proxy.address, 5000);
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      DataInputStream in = new DataInputStream(s.getInputStream());
      out.write(RawClient.startup(0x00030000, "user", pg.superuser(), "database", pg.database()));
      out.flush();
      while (true) { // until ReadyForQuery
        int type = in.read();
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        if (type == 'Z') {
          break;
        }
      }
      long before = usedMemory();
      // about 90 MB of result
      out.write(RawClient.query("SELECT repeat('x', 3000) FROM generate_series(1, 30000)"));
      out.flush();
      Thread.sleep(1500); // the client reads nothing meanwhile
      long grown = usedMemory() - before;
      assertThat(grown).as("bytes buffered by the proxy").isLessThan(32L << 20);
      // now read everything: the stream must be complete and in order
      long rows = 0;
      while (true) {
        int type = in.read();
        int len = in.readInt();
        in.skipNBytes(len - 4);
        if (type == 'D') {
          rows++;
        } else if (type == 'Z') {
          break;
        }
      }
      assertThat(rows).isEqualTo(30_000);
      out.write(RawClient.message('X', new byte[0]));
      out.flush();
      assertThat(new String(new byte[0], StandardCharsets.UTF_8)).isEmpty();
    }
  }
}
