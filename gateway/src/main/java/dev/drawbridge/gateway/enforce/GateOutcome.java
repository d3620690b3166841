package dev.drawbridge.gateway.enforce;

import java.util.Locale;

/** What the policy concluded for a query, as counted in metrics and written to the log. */
enum GateOutcome {
  ALLOW,
  DENY,
  NEEDS_APPROVAL,
  NOT_UNDERSTOOD;

  /** The metric tag value. */
  String tag() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
