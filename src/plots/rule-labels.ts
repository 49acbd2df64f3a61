// Where each vertical rule's label goes: on its preferred side unless that runs off the plot, and
// one line higher when it would overlap a label already placed (t_mem and t_gen can be close).
import { textWidth } from './text-width.js';

export const RULE_LABEL = { fontSize: 11, gap: 4, above: 3 } as const;

export interface RuleLabelInput {
  /** pixel position of the rule within the plot */
  px: number;
  label: string;
  side: 'left' | 'right';
}

export interface RuleLabelPlacement {
  /** text anchor: a label left of its rule is right-aligned */
  align: 'left' | 'right';
  dx: number;
  /** pixel position of the label's baseline, negative: above the plot's top edge */
  y: number;
}

export function placeRuleLabels(rules: readonly RuleLabelInput[], plotWidth: number): RuleLabelPlacement[] {
  const { fontSize, gap, above } = RULE_LABEL;
  const taken: [number, number][][] = [];
  return rules.map(({ px, label, side }) => {
    const w = textWidth(label, fontSize);
    const span = (s: 'left' | 'right'): [number, number] => (s === 'right' ? [px + gap, px + gap + w] : [px - gap - w, px - gap]);
    const fits = (s: 'left' | 'right') => span(s)[0] >= 0 && span(s)[1] <= plotWidth;
    const chosen = fits(side) || !fits(side === 'left' ? 'right' : 'left') ? side : side === 'left' ? 'right' : 'left';
    const [a, b] = span(chosen);
    let row = 0;
    while (taken[row]?.some(([c, d]) => a < d + gap && c < b + gap)) row++;
    (taken[row] ??= []).push([a, b]);
    const right = chosen === 'right';
    return { align: right ? 'left' : 'right', dx: right ? gap : -gap, y: -above - row * (fontSize + 3) };
  });
}
