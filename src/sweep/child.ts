// A child process a sweep trains in (child-pool.ts forks it): jobs come over IPC one after
// another, each answered with its summaries. A crash, an out-of-memory or a kill -9 stays inside
// this process and the runs it trains.
import { UsageError } from '../errors.js';
import { releaseIdleBuffers } from '../tensor/memory.js';
import type { ChildMessage, ChildReply, ParentMessage } from './child-pool.js';
import { type Job, trainJob } from './job.js';

// The parent gone (a killed sweep or worker, or its pool closed): leave at once, as a second
// Ctrl-C would, between two steps. The run resumes from its last checkpoint and its log stays
// that of an uninterrupted run, which an interrupting checkpoint would not: it adds a line. (A
// parent gone before this module ran left no event to hear: hence the first look.)
process.once('disconnect', () => process.exit(130));
if (!process.connected) process.exit(130);

/** The parent asked the job in progress to stop at a checkpoint. */
let stopRequested = false;

/** How often the parent hears the step reached, at most. */
const STEP_MESSAGE_MS = 250;

async function train(job: Job): Promise<void> {
  stopRequested = false;
  let told = -Infinity;
  const onStep = (step: number) => {
    const now = performance.now();
    if (now - told < STEP_MESSAGE_MS || !process.connected) return;
    told = now;
    process.send!({ step } satisfies ChildMessage);
  };
  let reply: ChildReply;
  try {
    reply = { summaries: await trainJob(job, () => stopRequested, onStep) };
  } catch (error) {
    // Code 2, as the CLI's exit code for bad input: the parent tells a refusal to start (the run
    // locked or claimed by another process) from a failure.
    reply = { error: error instanceof Error ? error.message : String(error), code: error instanceof UsageError ? 2 : 1 };
  }
  // The next run may have other shapes: what this one pooled would only be pinned.
  releaseIdleBuffers();
  // After a failure the process may hold anything half-done: it leaves, and the next job gets a
  // fresh child. A refusal changed nothing: this process trains the next job.
  process.send!(reply, () => {
    if ('code' in reply && reply.code !== 2) process.exit(reply.code);
  });
}

process.on('message', (message: ParentMessage) => {
  if ('stop' in message) stopRequested = true;
  else void train(message.job);
});
