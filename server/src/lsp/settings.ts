import { normaliseSettings, type EngineSettings } from '../analysis';

export interface ServerSettings {
  enable: boolean;
  engine: EngineSettings;
  /** Readable messages about values that were ignored. */
  problems: string[];
}

export const DEFAULT_SETTINGS: ServerSettings = { enable: true, engine: {}, problems: [] };

/** The `nextAfterLint` section as the client sends it (any shape), turned into typed settings. */
export function readSettings(raw: unknown): ServerSettings {
  if (raw === undefined || raw === null) return DEFAULT_SETTINGS;
  const section = typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const problems: string[] = [];
  if (typeof raw !== 'object' || Array.isArray(raw)) problems.push('nextAfterLint settings must be an object; using the defaults.');
  const enable = section.enable === undefined ? true : section.enable !== false;
  if (section.enable !== undefined && typeof section.enable !== 'boolean') problems.push('nextAfterLint.enable must be true or false; treated as true.');
  const { settings, problems: engineProblems } = normaliseSettings({ rules: section.rules ?? undefined, sideEffects: section.sideEffects ?? undefined }, 'nextAfterLint');
  return { enable, engine: settings, problems: [...problems, ...engineProblems] };
}
