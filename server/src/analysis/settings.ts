import { ruleIds } from './rules';
import type { EngineSettings, RuleSetting } from './types';

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'info', 'hint', 'off']);

export interface NormalisedSettings {
  settings: EngineSettings;
  /** One readable sentence per value that was ignored. */
  problems: string[];
}

/**
 * Turns user input (VS Code settings, a `--config` file, a package.json key) into engine settings.
 * Unknown rules, bad severities and wrong types are dropped with a message, never thrown.
 */
export function normaliseSettings(raw: unknown, origin = 'nextAfterLint'): NormalisedSettings {
  const problems: string[] = [];
  const settings: EngineSettings = {};
  if (raw === undefined || raw === null) return { settings, problems };
  if (!isRecord(raw)) return { settings, problems: [`${origin} must be an object; ignored.`] };

  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) problems.push(`${origin}.rules must be an object of rule ids to severities; ignored.`);
    else {
      const rules: Record<string, RuleSetting> = {};
      for (const [id, value] of Object.entries(raw.rules)) {
        if (!ruleIds.has(id)) problems.push(`${origin}.rules: unknown rule "${id}"; ignored.`);
        else if (typeof value !== 'string' || !SEVERITIES.has(value)) {
          problems.push(`${origin}.rules.${id}: "${String(value)}" is not one of error, warning, info, hint, off; ignored.`);
        } else rules[id] = value as RuleSetting;
      }
      settings.rules = rules;
    }
  }
  const sideEffects = raw.sideEffects;
  if (sideEffects !== undefined) {
    if (!isRecord(sideEffects)) problems.push(`${origin}.sideEffects must be an object with include/exclude lists; ignored.`);
    else {
      settings.sideEffects = {};
      for (const key of ['include', 'exclude'] as const) {
        const list = sideEffects[key];
        if (list === undefined) continue;
        if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) {
          problems.push(`${origin}.sideEffects.${key} must be a list of callee globs; ignored.`);
        } else settings.sideEffects[key] = list as string[];
      }
    }
  }
  return { settings, problems };
}

/** Later settings win rule by rule; side-effect lists are concatenated. */
export function mergeSettings(...layers: (EngineSettings | undefined)[]): EngineSettings {
  const merged: EngineSettings = {};
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.rules) merged.rules = { ...merged.rules, ...layer.rules };
    if (layer.sideEffects) {
      merged.sideEffects = {
        include: [...(merged.sideEffects?.include ?? []), ...(layer.sideEffects.include ?? [])],
        exclude: [...(merged.sideEffects?.exclude ?? []), ...(layer.sideEffects.exclude ?? [])],
      };
    }
  }
  return merged;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
