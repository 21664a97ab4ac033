import type { Connection } from 'vscode-languageserver';
import { normaliseSettings, type EngineSettings } from '../analysis';
import { SETTINGS_SECTION } from './protocol';

/** The `nextAfterLint` section, typed. (`trace.server` is read by the client alone.) */
export interface ServerSettings {
  enable: boolean;
  engine: EngineSettings;
  /** Where facts from other files come from: the project index, or the index and the TypeScript checker. */
  typeAware: 'index' | 'full';
  /** Report the open files only, or every file of every Next.js app of the workspace. */
  run: 'openFiles' | 'workspace';
  /** Readable messages about values that were ignored. */
  problems: string[];
}

export const DEFAULT_SETTINGS: ServerSettings = { enable: true, engine: {}, typeAware: 'index', run: 'openFiles', problems: [] };

/** One of `allowed`, or the default with a message. */
function choice<T extends string>(section: Record<string, unknown>, key: string, allowed: readonly T[], fallback: T, problems: string[]): T {
  const value = section[key];
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  problems.push(`nextAfterLint.${key} must be one of ${allowed.map((option) => `"${option}"`).join(', ')}, not ${JSON.stringify(value)}; using "${fallback}".`);
  return fallback;
}

/** The `nextAfterLint` section as the client sends it (any shape), turned into typed settings. */
export function readSettings(raw: unknown): ServerSettings {
  if (raw === undefined || raw === null) return DEFAULT_SETTINGS;
  const section = typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const problems: string[] = [];
  if (typeof raw !== 'object' || Array.isArray(raw)) problems.push('nextAfterLint settings must be an object; using the defaults.');
  const enable = section.enable === undefined ? true : section.enable !== false;
  if (section.enable !== undefined && typeof section.enable !== 'boolean') problems.push('nextAfterLint.enable must be true or false; treated as true.');
  const typeAware = choice(section, 'typeAware', ['index', 'full'], 'index', problems);
  const run = choice(section, 'run', ['openFiles', 'workspace'], 'openFiles', problems);
  const { settings, problems: engineProblems } = normaliseSettings({ rules: section.rules ?? undefined, sideEffects: section.sideEffects ?? undefined }, 'nextAfterLint');
  return { enable, engine: settings, typeAware, run, problems: [...problems, ...engineProblems] };
}

/**
 * Settings per document. A client that answers `workspace/configuration` is asked per resource
 * (folder settings may differ); otherwise the settings pushed with `didChangeConfiguration` apply
 * to every document. The cache is dropped when the configuration changes.
 */
export class SettingsStore {
  pullsConfiguration = false;
  private pushed: unknown;
  private readonly pending = new Map<string, Promise<ServerSettings>>();
  /** The last settings an analysis of the document used: requests between analyses reuse them. */
  private readonly resolved = new Map<string, ServerSettings>();

  constructor(private readonly connection: Connection) {}

  for(uri: string): Promise<ServerSettings> {
    let settings = this.pending.get(uri);
    if (!settings) {
      settings = this.pullsConfiguration
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(readSettings, () => DEFAULT_SETTINGS)
        : Promise.resolve(readSettings(this.pushed));
      this.pending.set(uri, settings);
    }
    return settings.then((value) => {
      this.resolved.set(uri, value);
      return value;
    });
  }

  lastUsed(uri: string): ServerSettings | undefined {
    return this.resolved.get(uri);
  }

  /** `workspace/didChangeConfiguration`: its payload counts only for clients that are not asked. */
  changed(settings: unknown): void {
    this.pushed = (settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
    this.pending.clear();
  }

  forget(uri: string): void {
    this.pending.delete(uri);
    this.resolved.delete(uri);
  }

  /** Settings for a folder (an app's root): not cached, asked when an app is (re)checked. */
  forFolder(uri: string): Promise<ServerSettings> {
    return this.pullsConfiguration
      ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(readSettings, () => DEFAULT_SETTINGS)
      : Promise.resolve(readSettings(this.pushed));
  }
}
