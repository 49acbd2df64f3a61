// Every config field that names a metric is checked against what the task measures before the
// first step: a misspelt name would otherwise fail only after training (detection) or never
// fire at all (early stopping).
import type { RunConfig } from '../config/schema.js';
import { UsageError } from '../errors.js';

/** The fields of a config that refer to a metric by name, with their values. */
export function metricFields(config: RunConfig): [field: string, metric: string][] {
  const fields: [string, string][] = [
    ['detection.trainMetric', config.detection.trainMetric],
    ['detection.testMetric', config.detection.testMetric],
  ];
  if (config.training.earlyStop) fields.push(['training.earlyStop.metric', config.training.earlyStop.metric]);
  return fields;
}

/** Throws a UsageError naming the first field whose metric is not among `available`. */
export function checkMetricNames(config: RunConfig, available: readonly string[]): void {
  for (const [field, metric] of metricFields(config)) {
    if (!available.includes(metric)) {
      throw new UsageError(`${field}: unknown metric "${metric}" for task ${config.task.name} with model ${config.model.name}; allowed: ${available.join(', ')}`);
    }
  }
}
