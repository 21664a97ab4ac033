import { pathToFileURL } from 'node:url';
import type { CancellationToken, Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { diagnosticAt } from './diagnostics';
import type { ServerLog } from './log';
import { StatusNotification, type AppState, type CheckWholeAppResult } from './protocol';
import type { ServerSettings, SettingsStore } from './settings';
import type { AppInfo, AppSettings, AppStatus, CheckResult, PlacedFinding } from './worker/protocol';
import type { WorkerClient } from './worker/workerClient';

export interface AppsParts {
  connection: Connection;
  worker: WorkerClient;
  settings: SettingsStore;
  log: ServerLog;
  /** Whether a document is open: its diagnostics belong to the document's own validation. */
  isOpen(uri: string): boolean;
  /** The client shows server-initiated progress (`window.workDoneProgress`). */
  supportsProgress(): boolean;
}

interface KnownApp {
  info: AppInfo;
  settings: ServerSettings;
  status?: AppStatus;
}

/**
 * The Next.js apps of the workspace, seen from the protocol thread: which there are, their settings,
 * how far the worker got analysing each (progress, the status bar), and the diagnostics of files the
 * editor has not opened (`run: workspace`, or after "Check Whole App").
 */
export class WorkspaceApps {
  private apps = new Map<string, KnownApp>();
  private readonly progress = new Map<string, Promise<WorkDoneProgressServerReporter | undefined>>();
  /** Files whose diagnostics came from a whole-app check, and which check. */
  private readonly published = new Map<string, number>();
  private backgroundCheck: number | undefined;
  /**
   * Progress appears only for indexing that lasts: a small app is done before a notification could
   * be read (and a progress shown and ended at once made VS Code's own TypeScript hover wait, seen in e2e).
   */
  progressDelayMs = 1000;
  private readonly indexingSince = new Map<string, number>();
  /** The latest discovery of the apps: a whole-app check asked meanwhile waits for it. */
  private discovered: Promise<void> = Promise.resolve();

  constructor(private readonly parts: AppsParts) {}

  /** Finds the apps and analyses each in the background: for its status, and every file's problems with `run: workspace`. */
  async refresh(): Promise<void> {
    const { worker } = this.parts;
    const discovery = (async () => {
      const found = await worker.request<AppInfo[]>({ kind: 'discover' }).result;
      const apps = new Map<string, KnownApp>();
      for (const info of found) apps.set(info.root, { info, settings: await this.parts.settings.forFolder(pathToFileURL(info.root).href) });
      this.apps = apps;
    })();
    this.discovered = discovery.catch(() => undefined);
    await discovery;
    const { apps } = this;
    worker.useLimits([...apps.values()].some((app) => app.settings.typeAware === 'full') ? 'full' : 'index');
    const enabled = [...apps.values()].filter((app) => app.settings.enable);
    this.sendStatus();
    if (enabled.length === 0) return;
    // A file published by an earlier workspace run but now in an app set to openFiles is cleared.
    for (const [file, check] of this.published) if (check === this.backgroundCheck) this.clear(file);
    const request = worker.request<CheckResult>({ kind: 'check', apps: enabled.map((app) => ({ root: app.info.root, settings: appSettings(app.settings), publish: app.settings.run === 'workspace' })) });
    this.backgroundCheck = request.id;
    await request.result.catch((error: unknown) => this.parts.log.failure('indexing', error));
  }

  /**
   * "Check Whole App": every file of the app of `uri` (or of every app) analysed and published. A
   * cancelled check takes back what it published, so no half-finished, possibly stale view remains.
   */
  async checkWholeApp(uri: string | undefined, token: CancellationToken): Promise<CheckWholeAppResult> {
    await this.discovered;
    const file = uri?.startsWith('file:') ? new URL(uri).pathname : undefined;
    const targets = [...this.apps.values()].filter((app) => app.settings.enable && (!file || file.startsWith(`${app.info.root}/`)));
    const chosen = targets.length > 0 ? (file ? [targets.sort((a, b) => b.info.root.length - a.info.root.length)[0]!] : targets) : [];
    if (chosen.length === 0) return { apps: [], cancelled: false };
    const request = this.parts.worker.request<CheckResult>({ kind: 'check', apps: chosen.map((app) => ({ root: app.info.root, settings: appSettings(app.settings), publish: true })) });
    const cancel = token.onCancellationRequested(() => this.parts.worker.post({ kind: 'cancel', id: request.id }));
    try {
      const result = await request.result;
      if (result.cancelled || token.isCancellationRequested) {
        for (const [published, check] of this.published) if (check === request.id) this.clear(published);
        // The cancelled check had replaced the background analysis of its apps: start that again.
        void this.refresh();
      }
      return { apps: result.apps.map((app) => ({ root: pathToFileURL(app.root).href, files: app.files, problems: app.problems })), cancelled: result.cancelled };
    } finally {
      cancel.dispose();
    }
  }

  /** The worker's findings for a file the editor has not opened. */
  fileFindings(check: number, file: string, findings: PlacedFinding[] | null): void {
    const uri = pathToFileURL(file).href;
    if (this.parts.isOpen(uri)) return;
    if (findings === null) {
      this.clear(file);
      return;
    }
    this.published.set(file, check);
    this.parts.log.quietly(this.parts.connection.sendDiagnostics({ uri, diagnostics: findings.map((finding) => diagnosticAt(finding.range, finding)) }));
  }

  status(status: AppStatus): void {
    const app = this.apps.get(status.root);
    if (!app) return;
    app.status = status;
    this.reportProgress(status);
    this.sendStatus();
  }

  private clear(file: string): void {
    this.published.delete(file);
    const uri = pathToFileURL(file).href;
    if (!this.parts.isOpen(uri)) this.parts.log.quietly(this.parts.connection.sendDiagnostics({ uri, diagnostics: [] }));
  }

  private sendStatus(): void {
    const apps: AppState[] = [...this.apps.values()].map(({ info, settings, status }) => ({
      root: pathToFileURL(info.root).href,
      state: !settings.enable ? 'off' : status?.state ?? 'indexing',
      done: status?.done ?? 0,
      total: status?.total ?? 0,
      problems: status?.problems ?? 0,
      nextVersion: info.nextVersion,
    }));
    this.parts.log.quietly(this.parts.connection.sendNotification(StatusNotification, { apps }));
  }

  /** "Indexing apps/web: 1,234 / 3,478 files", while an app is being analysed. */
  private reportProgress(status: AppStatus): void {
    if (!this.parts.supportsProgress()) return;
    const name = status.root.split('/').slice(-2).join('/');
    let reporter = this.progress.get(status.root);
    if (status.state === 'indexing') {
      const since = this.indexingSince.get(status.root) ?? Date.now();
      this.indexingSince.set(status.root, since);
      if (!reporter && Date.now() - since < this.progressDelayMs) return;
      if (!reporter) {
        reporter = this.parts.connection.window.createWorkDoneProgress().then(
          (created) => {
            created.begin('Next.js after()', 0, `Indexing ${name}`);
            return created;
          },
          () => undefined,
        );
        this.progress.set(status.root, reporter);
      }
      const percentage = status.total > 0 ? Math.floor((status.done / status.total) * 100) : 0;
      void reporter.then((created) => created?.report(percentage, `Indexing ${name}: ${status.done.toLocaleString('en-US')} / ${status.total.toLocaleString('en-US')} files`));
    } else {
      this.indexingSince.delete(status.root);
      if (!reporter) return;
      this.progress.delete(status.root);
      void reporter.then((created) => created?.done());
    }
  }
}

function appSettings(settings: ServerSettings): AppSettings {
  return { enable: settings.enable, engine: settings.engine, typeAware: settings.typeAware };
}
