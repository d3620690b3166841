package dev.drawbridge.gateway.workflow;

/**
 * A workflow operation that was refused. Each subclass maps to one class of HTTP status in the
 * admin API; the message is for people and says why.
 */
public abstract sealed class WorkflowException extends RuntimeException
    permits WorkflowException.NotFound,
        WorkflowException.Forbidden,
        WorkflowException.Conflict,
        WorkflowException.Invalid {

  private WorkflowException(String message) {
    super(message);
  }

  /** The request or grant does not exist (404). */
  public static final class NotFound extends WorkflowException {
    public NotFound(String message) {
      super(message);
    }
  }

  /** This principal may not do this (403): own request, an agent, no approver role. */
  public static final class Forbidden extends WorkflowException {
    public Forbidden(String message) {
      super(message);
    }
  }

  /** The request or grant is in a state that does not allow this (409). */
  public static final class Conflict extends WorkflowException {
    public Conflict(String message) {
      super(message);
    }
  }

  /** The input itself is wrong (400): a window of zero, an empty comment where one is needed. */
  public static final class Invalid extends WorkflowException {
    public Invalid(String message) {
      super(message);
    }
  }
}
