import type { Rule } from '../types';

/** Every rule, in the order of the catalogue. */
export const rules: readonly Rule[] = [];

export const ruleIds: ReadonlySet<string> = new Set(rules.map((rule) => rule.meta.id));

export function ruleById(id: string): Rule | undefined {
  return rules.find((rule) => rule.meta.id === id);
}
