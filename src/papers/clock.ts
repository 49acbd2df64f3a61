// A reproduction's wall clock, kept across invocations. A full form can take hours; when it is
// interrupted its runs resume from their checkpoints, and this file lets the clock resume too, so
// the report's time is what the whole reproduction took, not its last leg.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from '../runs/files.js';

const FILE = 'elapsed.json';
/** How often a running invocation writes its time down: a kill -9 loses at most this much. */
const SAVE_EVERY_MS = 15_000;

export interface Elapsed {
  /** wall-clock seconds summed over the invocations that ran this form in the directory */
  seconds: number;
  /** how many invocations that was, counting the current one */
  invocations: number;
}

type Form = 'full' | 'quick';

function read(dir: string): Partial<Record<Form, Elapsed>> {
  const path = join(dir, FILE);
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Partial<Record<Form, Elapsed>>;
  } catch {
    // NOTE: a torn or hand-edited file costs the earlier time, never the reproduction.
    return {};
  }
}

/**
 * Starts this invocation's leg. Nothing is written until the leg has run for `saveEveryMs` or has
 * finished, so an invocation refused at once (a missing --data) leaves the directory untouched;
 * `stop(finished)` (once or more) writes the total down when there is a leg to count, and returns it.
 */
export function startClock(dir: string, quick: boolean, saveEveryMs = SAVE_EVERY_MS): { stop(finished: boolean): Elapsed } {
  const form: Form = quick ? 'quick' : 'full';
  const before = read(dir)[form] ?? { seconds: 0, invocations: 0 };
  const t0 = performance.now();
  const now = (): Elapsed => ({ seconds: before.seconds + (performance.now() - t0) / 1000, invocations: before.invocations + 1 });
  let saved = false;
  const save = () => {
    const elapsed = now();
    writeJsonAtomic(join(dir, FILE), { ...read(dir), [form]: elapsed });
    saved = true;
    return elapsed;
  };
  const timer = setInterval(() => {
    try {
      save();
    } catch {
      // NOTE: a clock that cannot write (disk full, directory gone) must not stop the reproduction.
    }
  }, saveEveryMs);
  timer.unref();
  let total: Elapsed | null = null;
  return {
    stop(finished) {
      clearInterval(timer);
      total ??= finished || saved ? save() : now();
      return total;
    },
  };
}
