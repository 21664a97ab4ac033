import type { Connection } from 'vscode-languageserver';
import { normaliseSettings, type EngineSettings } from '../analysis';
import { SETTINGS_SECTION } from './protocol';

/** The `nextAfterLint` section, typed. (`trace.server` is read by the client alone.) */
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
}
