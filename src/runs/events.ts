// What the training loop emits. The run store writes every event but `step` as one JSON line of
// metrics.jsonl; plots, the progress bar and the dashboard read the same shapes.
import type { Metrics } from '../metrics/types.js';

export const RUN_STATUSES = ['running', 'completed', 'stopped_early', 'diverged', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Whether a run ended for good (a sweep or reproduction reuses it); 'interrupted' resumes instead. */
export function isFinished(status: string | undefined): boolean {
  return status === 'completed' || status === 'stopped_early' || status === 'diverged';
}

export interface StepEvent {
  event: 'step';
  step: number;
  loss: number;
}

/** Metrics measured at `step` (after `step` optimizer updates). */
export interface EvalEvent {
  event: 'eval';
  step: number;
  wall_s: number;
  metrics: Metrics;
}

export interface CheckpointEvent {
  event: 'checkpoint';
  step: number;
  /** relative to the run directory */
  path: string;
}

export interface DoneEvent {
  event: 'done';
  step: number;
  status: Exclude<RunStatus, 'running'>;
  /** why a run ended early (diverged at step N, held test_acc ≥ 0.99 for K evals, …) */
  reason?: string;
}

export type RunEvent = StepEvent | EvalEvent | CheckpointEvent | DoneEvent;
