/**
 * What one evaluation measures, by flat metric name: train_loss, train_acc, test_loss, test_acc,
 * weight_l2, weight_l1, … Tasks and experiments produce it; the run store and plots read it.
 */
export type Metrics = Record<string, number>;
