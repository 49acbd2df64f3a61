// A run's metrics.jsonl read incrementally: a training run appends a line per evaluation, and
// the dashboard reads only the bytes added since its last read. A file that shrank was
// rewritten (a resume truncates it to its checkpoint) and is read again from the start.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { EvalEvent, RunEvent } from '../runs/events.js';
import type { Columns } from './downsample.js';

export class MetricsReader {
  private offset = 0;
  /** bytes after the last newline: a line still being written */
  private pending = '';
  readonly columns: Columns = { step: [], series: {} };
  /** the run's `done` event, once written */
  done: RunEvent | null = null;

  constructor(readonly file: string) {}

  /** Reads what was appended; returns the evaluations that are new (all of them after a rewrite). */
  update(): { evals: EvalEvent[]; reset: boolean } {
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch {
      return { evals: [], reset: false };
    }
    try {
      const size = fstatSync(fd).size;
      let reset = false;
      if (size < this.offset) {
        this.offset = 0;
        this.pending = '';
        this.columns.step = [];
        this.columns.series = {};
        this.done = null;
        reset = true;
      }
      if (size === this.offset) return { evals: [], reset };
      const buffer = Buffer.alloc(size - this.offset);
      let read = 0;
      while (read < buffer.length) {
        const n = readSync(fd, buffer, read, buffer.length - read, this.offset + read);
        if (n === 0) break;
        read += n;
      }
      this.offset += read;
      const text = this.pending + buffer.toString('utf8', 0, read);
      const cut = text.lastIndexOf('\n');
      this.pending = text.slice(cut + 1);
      const evals: EvalEvent[] = [];
      if (cut >= 0) {
        for (const line of text.slice(0, cut).split('\n')) {
          if (!line) continue;
          let event: RunEvent;
          try {
            event = JSON.parse(line) as RunEvent;
          } catch {
            continue;
          }
          if (event.event === 'eval') {
            this.append(event);
            evals.push(event);
          } else if (event.event === 'done') this.done = event;
        }
      }
      return { evals, reset };
    } finally {
      closeSync(fd);
    }
  }

  private append(e: EvalEvent): void {
    const { step, series } = this.columns;
    const n = step.length;
    step.push(e.step);
    for (const [name, value] of Object.entries(e.metrics)) {
      // A metric first seen late gets nulls for the evaluations before it.
      const column = (series[name] ??= new Array<number | null>(n).fill(null));
      column.push(Number.isFinite(value) ? value : null);
    }
    for (const column of Object.values(series)) if (column.length < n + 1) column.push(null);
  }
}
