package dev.drawbridge.proxy.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A bare socket speaking the protocol by hand, for inputs no driver would send. */
final class RawClient implements AutoCloseable {

  record Message(char type, byte[] body) {
    Map<Character, String> fields() {
      Map<Character, String> f = new LinkedHashMap<>();
      int i = 0;
      while (i < body.length && body[i] != 0) {
        char code = (char) body[i++];
        int end = i;
        while (body[end] != 0) {
          end++;
        }
        f.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
        i = end + 1;
      }
      return f;
    }

    String sqlState() {
      return fields().get('C');
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  RawClient(InetSocketAddress address) throws IOException {
    socket = new Socket();
    socket.connect(address, 5000);
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  RawClient send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  int readByte() throws IOException {
    return in.read();
  }

  Message read() throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("connection closed");
    }
    int len = in.readInt();
    byte[] body = new byte[len - 4];
    in.readFully(body);
    return new Message((char) type, body);
  }

  /** Reads until a message of this type, returning it. */
  Message readUntil(char type) throws IOException {
    while (true) {
      Message m = read();
      if (m.type() == type) {
        return m;
      }
    }
  }

  /** True when the server closed the connection (any bytes before it are skipped). */
  boolean closedByServer() throws IOException {
    try {
      while (in.read() >= 0) {
        // skip
      }
      return true;
    } catch (SocketException e) {
      return true; // reset
    }
  }

  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  static byte[] startup(int version, String... kv) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    writeInt(b, 0);
    writeInt(b, version);
    for (String s : kv) {
      b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      b.write(0);
    }
    b.write(0);
    byte[] bytes = b.toByteArray();
    setInt(bytes, 0, bytes.length);
    return bytes;
  }

  static byte[] message(char type, byte[] body) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(type);
    writeInt(b, body.length + 4);
    b.writeBytes(body);
    return b.toByteArray();
  }

  /** A message whose body is {@code bytes} from {@code offset} on (drops a scratch header). */
  static byte[] message(char type, byte[] bytes, int offset) {
    byte[] body = new byte[bytes.length - offset];
    System.arraycopy(bytes, offset, body, 0, body.length);
    return message(type, body);
  }

  static byte[] query(String sql) {
    byte[] s = sql.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[s.length + 1];
    System.arraycopy(s, 0, body, 0, s.length);
    return message('Q', body);
  }

  static byte[] ints(int... values) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int v : values) {
      writeInt(b, v);
    }
    return b.toByteArray();
  }

  private static void writeInt(ByteArrayOutputStream b, int v) {
    b.write(v >>> 24);
    b.write(v >>> 16);
    b.write(v >>> 8);
    b.write(v);
  }

  private static void setInt(byte[] a, int at, int v) {
    a[at] = (byte) (v >>> 24);
    a[at + 1] = (byte) (v >>> 16);
    a[at + 2] = (byte) (v >>> 8);
    a[at + 3] = (byte) v;
  }
}
