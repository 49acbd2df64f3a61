// A run of a sweep that ended without a summary: its process crashed, was killed, or refused to
// start; or a queued run failed on every attempt.
export class RunFailed extends Error {
  override name = 'RunFailed';
  constructor(
    message: string,
    /** the exit code of the child that failed (2: it refused to start; null: none started, a signal ended it, or several failed) */
    readonly code: number | null = null,
  ) {
    super(message);
  }
}
