import { describe, expect, it } from 'vitest';
import { RULE_LABEL, placeRuleLabels } from './rule-labels.js';

const row = (n: number) => -RULE_LABEL.above - n * (RULE_LABEL.fontSize + 3);

describe('placeRuleLabels', () => {
  it('keeps each label on its preferred side when it fits', () => {
    expect(
      placeRuleLabels(
        [
          { px: 200, label: 't_mem = 100', side: 'left' },
          { px: 400, label: 't_gen = 3,000', side: 'right' },
        ],
        600,
      ),
    ).toEqual([
      { align: 'right', dx: -RULE_LABEL.gap, y: row(0) },
      { align: 'left', dx: RULE_LABEL.gap, y: row(0) },
    ]);
  });

  it('flips a label that would run off the plot', () => {
    const [nearRight, nearLeft] = placeRuleLabels(
      [
        { px: 590, label: 't_gen = 9,000', side: 'right' },
        { px: 5, label: 't_mem = 1', side: 'left' },
      ],
      600,
    );
    expect(nearRight!.align).toBe('right');
    expect(nearLeft!.align).toBe('left');
  });

  it('lifts a label one line when it would overlap one already placed', () => {
    const placed = placeRuleLabels(
      [
        { px: 300, label: 't_mem = 100', side: 'right' },
        { px: 320, label: 't_gen = 120', side: 'right' },
        { px: 500, label: 'far', side: 'right' },
      ],
      600,
    );
    expect(placed.map((p) => p.y)).toEqual([row(0), row(1), row(0)]);
  });
});
