// meta.json: how and where a run was trained (not what: that is config.json). Parsed on read, so
// a reader gets a typed RunMeta or an error naming the file and the field.
import { z } from 'zod';
import { RUN_STATUSES } from './events.js';

export const runMetaSchema = z.object({
  groklab: z.string(),
  seed: z.number(),
  backend: z.string(),
  backendReason: z.string(),
  dtype: z.string(),
  node: z.string(),
  preset: z.string().nullable(),
  started: z.string(),
  ended: z.string().nullable(),
  status: z.enum(RUN_STATUSES),
  /** the process training this run, to tell a live run from one that was killed */
  pid: z.number(),
  /** wall-clock seconds spent training, summed over resumes */
  trainSeconds: z.number(),
  /** peak resident memory of the (last) process that trained it, in MiB (a sweep's worker trains run after run: its peak so far) */
  peakRssMiB: z.number().nullable(),
});

export type RunMeta = z.output<typeof runMetaSchema>;
