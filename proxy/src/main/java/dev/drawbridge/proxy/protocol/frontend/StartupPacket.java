package dev.drawbridge.proxy.protocol.frontend;

/** The first packets of a connection, which carry no type byte. */
public sealed interface StartupPacket
    permits StartupMessage, SSLRequest, GSSENCRequest, CancelRequest {

  /** SSLRequest code (1234.5679). */
  int SSL_REQUEST_CODE = 80877103;

  /** GSSENCRequest code (1234.5680). */
  int GSSENC_REQUEST_CODE = 80877104;

  /** CancelRequest code (1234.5678). */
  int CANCEL_REQUEST_CODE = 80877102;
}
