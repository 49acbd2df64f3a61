// Every task by name. A new task is a file (its schema, its data and its definition), a test, and
// one line here: the config's `task` union, the CLI's validation and the experiment that trains
// it all follow from this table.
import { z } from 'zod';
import { concealmentTask } from './concealment.js';
import { fashionMnistTask } from './fashion-mnist.js';
import { hiddenParityTask, zeroOneTask } from './hidden-parity.js';
import { linearRegressionTask } from './linear-regression.js';
import { matrixCompletionTask } from './matrix-completion.js';
import { matrixSensingTask } from './matrix-sensing.js';
import { mnistTask } from './mnist.js';
import { modularTask } from './modular.js';
import { noisySineTask } from './noisy-sine.js';
import { parityTask } from './parity.js';
import { permutationsTask } from './permutations.js';
import { qm9Task } from './qm9.js';
import { representationToyTask } from './representation-toy.js';
import { sparseRecoveryTask } from './sparse-recovery.js';
import type { ExperimentKind, TaskDefinition } from './task.js';
import { teacherStudentTask } from './teacher-student.js';
import { textClassificationTask } from './text-classification.js';

export const taskRegistry = {
  modular: modularTask,
  permutations: permutationsTask,
  'text-classification': textClassificationTask,
  'sparse-recovery': sparseRecoveryTask,
  'matrix-completion': matrixCompletionTask,
  'matrix-sensing': matrixSensingTask,
  'teacher-student': teacherStudentTask,
  mnist: mnistTask,
  'fashion-mnist': fashionMnistTask,
  concealment: concealmentTask,
  parity: parityTask,
  'linear-regression': linearRegressionTask,
  'noisy-sine': noisySineTask,
  'zero-one': zeroOneTask,
  'hidden-parity': hiddenParityTask,
  qm9: qm9Task,
  'representation-toy': representationToyTask,
};

export type TaskName = keyof typeof taskRegistry;
type TaskSchemaOf = (typeof taskRegistry)[TaskName]['schema'];

export const TASK_NAMES = Object.keys(taskRegistry) as TaskName[];

/** The tasks a given experiment trains, e.g. every estimation task. */
export function tasksTrainedBy(experiment: ExperimentKind): TaskName[] {
  return TASK_NAMES.filter((name) => taskRegistry[name].experiment === experiment);
}

/** The definition of a task by name, for code that dispatches on it. */
export function taskDefinition(name: TaskName): TaskDefinition {
  return taskRegistry[name] as TaskDefinition;
}

const quoted = TASK_NAMES.map((n) => JSON.stringify(n)).join(' | ');

/** Every task config, a discriminated union on `name` derived from the registry. */
export const taskConfigSchema = z.discriminatedUnion('name', Object.values(taskRegistry).map((t) => t.schema) as [TaskSchemaOf, ...TaskSchemaOf[]], {
  error: (issue) => (issue.code === 'invalid_union' && 'options' in issue ? `unknown task; expected one of ${quoted}` : undefined),
});

export type TaskConfig = z.output<typeof taskConfigSchema>;
