import { describe, expect, it } from 'vitest';
import { TASK_NAMES, taskConfigSchema, taskRegistry, tasksTrainedBy } from './registry.js';

describe('the task registry', () => {
  it('keys every task by the name its schema accepts, and the config union holds exactly them', () => {
    for (const [name, task] of Object.entries(taskRegistry)) expect(task.schema.shape.name.value).toBe(name);
    expect(taskConfigSchema.options.map((o) => o.shape.name.value).sort()).toEqual([...TASK_NAMES].sort());
  });

  it('rejects an unknown task naming the field and every registered task', () => {
    const result = taskConfigSchema.safeParse({ name: 'modular-division' });
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0];
    expect(issue.path).toEqual(['name']);
    for (const name of TASK_NAMES) expect(issue.message).toContain(JSON.stringify(name));
  });

  it('names the experiment that trains each task', () => {
    expect(tasksTrainedBy('estimation').sort()).toEqual(['matrix-completion', 'matrix-sensing', 'sparse-recovery']);
    expect(taskRegistry.modular.experiment).toBe('supervised');
  });
});
