// The child processes a sweep trains in (child.ts, through the library). Each child lives for the
// whole trainMany call (or `groklab worker`) and trains one job after another, so Node's start,
// the library's load and the JIT's warm-up are paid once per worker slot rather than once per
// run. A crash, an out-of-memory or a kill -9 stays inside the child and the job it trains: that
// job fails, and the next job gets a fresh child.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Summary } from '../runs/summary.js';
import type { Job } from './job.js';
import { RunFailed } from './run-failed.js';

/** The compiled child: dist/sweep/child.js from both src/sweep (tests) and dist/sweep. */
const CHILD = fileURLToPath(new URL('../../dist/sweep/child.js', import.meta.url));

/** What the parent sends: a job to train, or the request to stop the job in progress at a checkpoint. */
export type ParentMessage = { job: Job } | { stop: true };

/** What the child answers per job: its summaries, or why it failed (code 2: it refused to start; 1: it failed and the child exits). */
export type ChildReply = { summaries: Summary[] } | { error: string; code: number };

/** What the child sends: the step its job has reached (a few times a second), then its reply. */
export type ChildMessage = ChildReply | { step: number };

/** How much of a child's stderr is kept: its last words when it dies without a reply. */
const STDERR_TAIL = 4096;

interface Child {
  process: ChildProcess;
  /** resolves with the exit code (null: a signal ended it, or it never started) once it is gone */
  exited: Promise<number | null>;
  /** the tail of what it wrote to stderr during its current job */
  stderr: string;
}

export class ChildPool {
  private readonly idle: Child[] = [];
  private readonly live = new Set<Child>();

  private fork(): Child {
    // Its own process group: a Ctrl-C at the terminal reaches only the parent, which passes on a
    // stop to each busy child (a second signal would make a child leave without its checkpoint).
    const handle = fork(CHILD, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], detached: true });
    const child: Child = {
      process: handle,
      stderr: '',
      // NOTE: not on 'close': Node 20 never emits it for a child whose channel the parent
      // disconnected. Gone means exited with its stderr read to the end (its last words).
      exited: new Promise((resolve) => {
        let code: number | null = null;
        let waiting = 2;
        const gone = () => --waiting === 0 && resolve(code);
        handle.on('exit', (c) => {
          code = c;
          gone();
        });
        handle.stderr?.on('close', gone);
        handle.on('error', () => resolve(null));
      }),
    };
    handle.stderr?.on('data', (d: Buffer) => (child.stderr = (child.stderr + d.toString()).slice(-STDERR_TAIL)));
    this.live.add(child);
    void child.exited.then(() => {
      this.live.delete(child);
      const i = this.idle.indexOf(child);
      if (i >= 0) this.idle.splice(i, 1);
    });
    return child;
  }

  /**
   * Trains `job` in an idle child (a new one if none is idle); resolves with its summaries.
   * Aborting `signal` asks the child to checkpoint its runs and end them 'interrupted'.
   * `onStep` hears the step the job has reached, a few times a second.
   */
  async run(job: Job, what: string, signal?: AbortSignal, onStep?: (step: number) => void): Promise<Summary[]> {
    // An idle child that is going away (killed while it waited) takes no job.
    let idle = this.idle.pop();
    while (idle && !idle.process.connected) idle = this.idle.pop();
    const child = idle ?? this.fork();
    child.stderr = '';
    const send = (message: ParentMessage) => {
      // A child that died meanwhile shows as its exit, below.
      if (child.process.connected) child.process.send(message, () => {});
    };
    const stop = () => send({ stop: true });
    let settle: (answer: ChildReply | null) => void = () => {};
    const reply = new Promise<ChildReply | null>((resolve) => (settle = resolve));
    const hear = (message: ChildMessage) => ('step' in message ? onStep?.(message.step) : settle(message));
    child.process.on('message', hear);
    void child.exited.then(() => settle(null));
    send({ job });
    signal?.addEventListener('abort', stop, { once: true });
    if (signal?.aborted) stop();
    const answer = await reply;
    child.process.off('message', hear);
    signal?.removeEventListener('abort', stop);
    if (answer && 'summaries' in answer) {
      this.idle.push(child);
      return answer.summaries;
    }
    // A refusal leaves the child as it was: it trains the next job.
    if (answer?.code === 2) {
      this.idle.push(child);
      throw new RunFailed(`${what} refused to start: ${answer.error}`, 2);
    }
    // A failure: the child exits after its reply. No reply: it crashed or a signal ended it; its
    // last words are on stderr.
    const code = await child.exited;
    const reason = answer ? answer.error : child.stderr.trim().split('\n').slice(-3).join(' | ');
    throw new RunFailed(`${what} exited with code ${code}: ${reason}`, answer ? answer.code : code);
  }

  /** Ends the children (all idle: every job has been answered) and waits until they are gone. */
  async close(): Promise<void> {
    const children = [...this.live];
    for (const child of children) if (child.process.connected) child.process.disconnect();
    await Promise.all(children.map((c) => c.exited));
  }
}
