// Progress of a run, subscribed to the loop's events: a bar with ETA on a terminal, plain
// lines otherwise (logs, CI, pipes). Writes to stderr so stdout stays for results.
import type { RunEvent } from '../runs/events.js';

const REDRAW_MS = 100;
const LINE_MS = 10_000;
/** The rate (and so the ETA) is shown once this much training time has been observed. */
const RATE_MIN_MS = 1_000;

export interface ProgressOptions {
  /** the train and test metrics to show (the run's detection metrics) */
  watch?: readonly [string, string];
  /** the run stops once its early-stop rule holds: the ETA is then an upper bound, shown as "≤" */
  mayStopEarly?: boolean;
  stream?: NodeJS.WriteStream;
  /** milliseconds; tests pass a fake clock */
  now?: () => number;
}

export function progressListener(totalSteps: number, options: ProgressOptions = {}): (event: RunEvent) => void {
  const { watch = ['train_acc', 'test_acc'], mayStopEarly = false, stream = process.stderr, now = () => performance.now() } = options;
  const tty = stream.isTTY === true;
  // The clock starts at the first step, not at setup: data generation, model init and the step-0
  // evaluation would otherwise count as training time and inflate the first ETAs.
  let firstStep: { step: number; at: number } | null = null;
  let lastDraw = -Infinity;
  let lastLine = -Infinity;
  let latest = '';

  /** Steps per second since the first step, or null until enough time has passed to tell. */
  const rate = (step: number, at: number): number | null => {
    if (firstStep === null || at - firstStep.at < RATE_MIN_MS || step <= firstStep.step) return null;
    return ((step - firstStep.step) * 1000) / (at - firstStep.at);
  };
  const eta = (step: number, r: number | null) => {
    if (r === null) return 'ETA ?';
    const s = Math.round((totalSteps - step) / r);
    const time =
      s >= 3600
        ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
        : s >= 60
          ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
          : `${s}s`;
    return mayStopEarly ? `ETA ≤ ${time}` : `ETA ${time}`;
  };
  const speed = (r: number | null) => (r === null ? '? steps/s' : `${r.toFixed(1)} steps/s`);

  return (event) => {
    if (event.event === 'eval') {
      const m = event.metrics;
      latest = `${watch[0]} ${fmt(m[watch[0]])} · ${watch[1]} ${fmt(m[watch[1]])} · loss ${m.train_loss?.toExponential(2) ?? '?'}`;
      if (!tty) stream.write(`step ${event.step}/${totalSteps}  ${latest}\n`);
      return;
    }
    if (event.event === 'step') {
      const at = now();
      if (firstStep === null) {
        firstStep = { step: event.step - 1, at };
        lastLine = at;
      }
      const r = rate(event.step, at);
      if (tty && at - lastDraw >= REDRAW_MS) {
        lastDraw = at;
        const width = 24;
        const filled = Math.round((width * event.step) / totalSteps);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
        stream.write(`\r${bar} ${event.step}/${totalSteps} · ${speed(r)} · ${eta(event.step, r)} · ${latest}\x1b[K`);
      } else if (!tty && at - lastLine >= LINE_MS) {
        lastLine = at;
        stream.write(`step ${event.step}/${totalSteps}  ${speed(r)}  ${eta(event.step, r)}\n`);
      }
      return;
    }
    if (event.event === 'done') {
      if (tty) stream.write('\n');
      stream.write(`${event.status} at step ${event.step}${event.reason ? ` (${event.reason})` : ''}\n`);
    }
  };
}

function fmt(v: number | undefined): string {
  if (v === undefined) return '?';
  return v !== 0 && Math.abs(v) < 1e-2 ? v.toExponential(2) : v.toFixed(3);
}
