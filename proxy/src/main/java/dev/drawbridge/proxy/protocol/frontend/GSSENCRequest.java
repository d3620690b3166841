package dev.drawbridge.proxy.protocol.frontend;

/** GSSENCRequest: the client asks for GSSAPI encryption; the proxy always answers 'N'. */
public record GSSENCRequest() implements StartupPacket {}
