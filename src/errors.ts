// The one error type every layer shares: a problem in what the user asked for (a config field, a
// flag, a directory), reported with exit code 2, as opposed to a run that failed (exit code 1).
// It sits below every layer because config, the run store, training, sweeps and the CLI all raise
// it, and the public API exports it for callers who want to tell the two apart.

/** An error in what the user asked for (exit code 2), as opposed to a failed run (1). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The machine refused (a full disk, missing permission, too little memory): one line, exit code 1. */
export class EnvironmentError extends Error {
  override name = 'EnvironmentError';
}

/** Stopped on request (Ctrl-C, a time limit's SIGINT) after checkpointing: one line, exit code 130; running it again resumes. */
export class Interrupted extends Error {
  override name = 'Interrupted';
}
