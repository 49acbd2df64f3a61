// Which seed draws a generated dataset: a fixed one, or the run's own (Miller et al. 2024 seed
// data and model alike, so their "seeds 0–2" are three datasets as well as three networks).
import { z } from 'zod';

export const dataSeedSchema = z
  .union([z.number().int().min(0), z.literal('run')])
  .describe('seed of the drawn examples, or "run" for the run\'s training.seed (then every seed of a sweep draws its own data)');

export type DataSeed = z.infer<typeof dataSeedSchema>;

export const resolveDataSeed = (seed: DataSeed, runSeed: number): number => (seed === 'run' ? runSeed : seed);
