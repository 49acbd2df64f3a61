// Trains one run of a sweep in its own process — the same `groklab train` / `groklab resume` a
// user would type — so a crash, a kill or Ctrl-C stays inside that run's directory. Both the
// local pool and the queue worker go through here.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { RunLock } from '../runs/lock.js';
import { readSummary, type Summary } from '../runs/summary.js';
import type { SweepDir } from './directory.js';

/** The compiled CLI: dist/cli/main.js from both src/sweep (tests) and dist/sweep. */
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export class RunFailed extends Error {
  override name = 'RunFailed';
  constructor(
    message: string,
    /** the exit code of the child that failed (null: none started, a signal ended it, or several failed) */
    readonly code: number | null = null,
  ) {
    super(message);
  }
}

/** How often to look whether another process still drives a run. */
const LOCK_POLL_MS = 500;

/**
 * Waits while another process drives the run (the child of a killed worker that has not noticed
 * yet, or a second sweep over the same directory): the run is theirs until they let go.
 */
async function waitForDriver(out: string, signal?: AbortSignal): Promise<void> {
  while (!signal?.aborted && existsSync(out) && RunLock.liveHolder(out) !== null) await sleep(LOCK_POLL_MS, undefined, { signal }).catch(() => {});
}

/** How often a run is looked at again when another process claimed it between our look and our start. */
const CLAIM_RETRIES = 5;

/** Trains (or resumes, or skips) one run; resolves with its summary. */
export async function runOne(dir: SweepDir, id: string, signal?: AbortSignal): Promise<Summary> {
  const out = dir.runPath(id);
  for (let attempt = 0; ; attempt++) {
    await waitForDriver(out, signal);
    const state = dir.state(id);
    if (state === 'done') return readSummary(out)!;
    // A started run resumes from its newest checkpoint (from scratch if it saved none).
    const args = state === 'partial' ? ['resume', out, '--json'] : ['train', '--config', dir.configPath(id), '--out', out, '--json'];
    try {
      return (await runCli(args, `run ${id}`, signal)) as Summary;
    } catch (error) {
      // NOTE: the child of a killed sweep can start between our look and our start, before it
      // holds the lock: ours is then refused (exit 2, locked or claimed). The run is theirs: wait
      // for it and look again.
      const claimedMeanwhile = RunLock.liveHolder(out) !== null || dir.state(id) !== state;
      if (error instanceof RunFailed && error.code === 2 && claimedMeanwhile && attempt < CLAIM_RETRIES && !signal?.aborted) continue;
      throw error;
    }
  }
}

/**
 * Trains new estimation runs that may share one computation (see ensembleUnits) with
 * `groklab ensemble`; resolves with their summaries in the order of `ids`.
 */
export async function runGroup(dir: SweepDir, ids: readonly string[], signal?: AbortSignal): Promise<Summary[]> {
  if (ids.length === 1) return [await runOne(dir, ids[0], signal)];
  const args = ['ensemble', ...ids.flatMap((id) => ['--config', dir.configPath(id), '--out', dir.runPath(id)]), '--json'];
  return (await runCli(args, `runs ${ids[0]} … ${ids.at(-1)} (one ensemble)`, signal)) as Summary[];
}

/** Runs the CLI in a child process; resolves with the JSON of its last stdout line. */
async function runCli(args: string[], what: string, signal?: AbortSignal): Promise<unknown> {
  // Its own process group: a Ctrl-C at the terminal reaches only us, and we pass on exactly one
  // SIGINT (a second would make the child leave without its final checkpoint).
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const stop = () => child.kill('SIGINT');
  signal?.addEventListener('abort', stop, { once: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => {
    child.on('close', (c) => resolve(c));
    child.on('error', () => resolve(null));
  });
  signal?.removeEventListener('abort', stop);
  // 0 finished, 1 diverged, 130 interrupted: each ends with a summary line. Anything else —
  // or exit code 1 from a crash, which prints no summary — is a failure of the run.
  const failed = () => new RunFailed(`${what} exited with code ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`, code);
  if (code !== 0 && code !== 1 && code !== 130) throw failed();
  try {
    return JSON.parse(stdout.trim().split('\n').pop() ?? '') as unknown;
  } catch {
    throw failed();
  }
}
