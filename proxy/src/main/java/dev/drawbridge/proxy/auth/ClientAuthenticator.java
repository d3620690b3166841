package dev.drawbridge.proxy.auth;

import dev.drawbridge.proxy.protocol.backend.Authentication;
import dev.drawbridge.proxy.protocol.backend.ErrorResponse;
import io.netty.buffer.ByteBuf;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates one client in gateway mode: a small state machine driven by the client's
 * password-type ('p') messages. SCRAM-SHA-256 against local users is one implementation; OIDC token
 * authentication (a token sent as a cleartext password over TLS) plugs in here as another, see
 * {@link TokenAuthenticator}. Runs on the event loop, so it must not block.
 */
public interface ClientAuthenticator {

  /** The authentication request to send right after the StartupMessage. */
  Authentication start();

  /** Handles the body of one password-type message from the client. */
  Step next(ByteBuf body);

  /** What to do after a client message. */
  sealed interface Step {}

  /** Send this request and wait for the next client message. */
  record Challenge(Authentication request) implements Step {
    public Challenge {
      Objects.requireNonNull(request, "request");
    }
  }

  /**
   * The client is authenticated.
   *
   * @param finalMessage sent before AuthenticationOk (AuthenticationSASLFinal for SCRAM)
   * @param roles the gateway roles of the authenticated user
   */
  record Authenticated(Optional<Authentication> finalMessage, Set<String> roles) implements Step {
    public Authenticated {
      roles = Set.copyOf(roles);
    }
  }

  /**
   * The answer comes later (a token whose signing key must first be fetched): the session stops
   * reading from the client until the stage completes with the real step.
   */
  record Pending(java.util.concurrent.CompletionStage<Step> step) implements Step {
    public Pending {
      Objects.requireNonNull(step, "step");
    }
  }

  /** Authentication failed: send this FATAL error and close. */
  record Failed(ErrorResponse error) implements Step {}
}
