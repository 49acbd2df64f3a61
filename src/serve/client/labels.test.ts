import { describe, expect, it } from 'vitest';
import { shortLabels } from './views/compare.js';

describe('legend names of overlaid runs', () => {
  it('keep what tells the runs apart', () => {
    expect(shortLabels(['s/runs/wd=1_tf=0.3_seed=0', 's/runs/wd=1_tf=0.3_seed=1'])).toEqual(['seed=0', 'seed=1']);
    expect(shortLabels(['a/run', 'b/run'])).toEqual(['a', 'b']);
    expect(shortLabels(['only/one'])).toEqual(['one']);
  });
});
