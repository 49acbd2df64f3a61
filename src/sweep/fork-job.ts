// Trains a job in a child process of its own (child.ts, through the library): a crash, an
// out-of-memory or a kill -9 stays inside the runs it trains, and their summaries come back over
// IPC.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Summary } from '../runs/summary.js';
import type { Job } from './job.js';
import { RunFailed } from './run-failed.js';

/** The compiled child: dist/sweep/child.js from both src/sweep (tests) and dist/sweep. */
const CHILD = fileURLToPath(new URL('../../dist/sweep/child.js', import.meta.url));

/** What the child sends before it exits: the job's summaries, or why it failed and its exit code. */
export type ChildReply = { summaries: Summary[] } | { error: string; code: number };

/** Resolves with the job's summaries; aborting `signal` sends the child one SIGINT (it checkpoints and ends its runs 'interrupted'). */
export async function forkJob(job: Job, what: string, signal?: AbortSignal): Promise<Summary[]> {
  // Its own process group: a Ctrl-C at the terminal reaches only us, and we pass on exactly one
  // SIGINT (a second would make the child leave without its final checkpoint).
  const child = fork(CHILD, [JSON.stringify(job)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], detached: true });
  const stop = () => child.kill('SIGINT');
  signal?.addEventListener('abort', stop, { once: true });
  const replies: ChildReply[] = [];
  let stderr = '';
  child.on('message', (message) => replies.push(message as ChildReply));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => {
    child.on('close', (c) => resolve(c));
    child.on('error', () => resolve(null));
  });
  signal?.removeEventListener('abort', stop);
  const [reply] = replies;
  if (reply && 'summaries' in reply) return reply.summaries;
  // No reply: it crashed or a signal ended it; its last words are on stderr.
  const reason = reply ? reply.error : stderr.trim().split('\n').slice(-3).join(' | ');
  throw new RunFailed(`${what} exited with code ${code}: ${reason}`, reply ? reply.code : code);
}
