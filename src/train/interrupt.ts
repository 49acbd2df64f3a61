// Ctrl-C (SIGINT) and SIGTERM during training: the first asks the loop to stop at the next step
// (it checkpoints and ends 'interrupted', so a resume continues); a second leaves at once, the
// last checkpoint standing.

/** Runs `work` with a stopRequested() that turns true on the first signal. */
export async function withInterrupt<T>(work: (stopRequested: () => boolean) => Promise<T>): Promise<T> {
  let stop = false;
  const onSignal = () => {
    if (stop) process.exit(130);
    stop = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(() => stop);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
