// Every config field that names a metric is checked against what the task measures before the
// first step: a misspelt name would otherwise fail only after training (detection) or never
// fire at all (early stopping).
import type { RunConfig } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { setupRun } from './setup.js';

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
      throw new UsageError(
        `${field}: unknown metric "${metric}" for task ${config.task.name} with model ${config.model.name}; allowed: ${available.join(', ')}`,
      );
    }
  }
}

/**
 * Checks many configs (a sweep's runs), building one experiment per task, model and metric set:
 * the metric names a run logs depend on those alone, not on sizes or hyper-parameters.
 */
export function checkMetricNamesOfAll(configs: readonly RunConfig[]): void {
  const available = new Map<string, string[]>();
  for (const config of configs) {
    const key = JSON.stringify([config.task.name, config.model.name, config.training.normMetrics ?? false]);
    if (!available.has(key)) available.set(key, Object.keys(setupRun(config).experiment.evaluate()));
    checkMetricNames(config, available.get(key)!);
  }
}
