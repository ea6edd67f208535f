/** Exit codes of `credit`. Scheduled jobs rely on them. */
export const ExitCode = {
  ok: 0,
  /** A stage failed (bad input, bad config, a service down...). */
  failure: 1,
  /** A monitoring alert: drift at or above the configured level. */
  alert: 2,
  /** `credit promote`: the promotion gate refused the challenger (worse AUC or business cost). */
  gateRefused: 3,
  /** The command line itself was wrong (unknown option, missing argument). */
  usage: 64,
} as const;
