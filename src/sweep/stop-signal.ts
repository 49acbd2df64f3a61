// Ctrl-C (SIGINT) or SIGTERM while many runs train: the first stops the runs in progress at a
// checkpoint and starts no more, so that the same command run again resumes them.

/** Runs `work` with a signal aborted by the first SIGINT or SIGTERM. */
export async function withStopSignal<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await work(abort.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
