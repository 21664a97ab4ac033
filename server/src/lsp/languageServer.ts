import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type Connection,
  type FileEvent,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { rules as allRules, type Rule } from '../analysis';
import type { AnalysedDocument } from './analyse';
import { WorkspaceApps } from './apps';
import { codeActionsFor, type FixAllOutput } from './codeActions';
import { completionItems } from './completion';
import { OpenDocuments } from './documents';
import { FileAccess } from './fileAccess';
import { hoverAt } from './hover';
import { ServerLog } from './log';
import { filePathOf, ProjectResolver } from './project';
import { CheckWholeAppRequest, FIX_ALL_KIND, SETTINGS_SECTION } from './protocol';
import { SettingsStore } from './settings';
import { Validation } from './validation';
import { WorkerClient, type WorkerEvent } from './worker/workerClient';

const DEBOUNCE_MS = 150;
/** Files whose change may add, remove or re-version an app, or change its settings: the apps are found again. */
const APP_FILES = /(^|[\\/])(package\.json|pnpm-workspace\.yaml|next\.config\.(js|mjs|cjs|ts))$/;

export interface LanguageServerOptions {
  /** The rules to run; tests inject a throwing rule to check that it cannot take the others down. */
  rules?: readonly Rule[];
  debounceMs?: number;
  /** The analysis worker's script (the bundle's `worker.js` beside `server.js` by default). */
  workerScript?: string;
}

/**
 * A small vscode-eslint: open documents are analysed on open and change (debounced, latest version
 * wins) on this thread, alone; everything that needs other files (the project index, whole-app
 * checks, the TypeScript checker) runs in the analysis worker, so this thread answers at once.
 * Findings are kept per version so code actions map diagnostics back to their fixes. Takes the
 * connection from outside, so tests can run it in-process over two streams.
 */
export class LanguageServer {
  private readonly log: ServerLog;
  private readonly files = new FileAccess();
  private readonly projects = new ProjectResolver(this.files);
  private readonly settings: SettingsStore;
  private readonly documents: OpenDocuments;
  private readonly worker: WorkerClient;
  private readonly validation: Validation;
  private readonly apps: WorkspaceApps;
  private registersConfiguration = false;
  private supportsProgress = false;
  private testMode = false;
  private folders: string[] = [];

  constructor(private readonly connection: Connection, options: LanguageServerOptions = {}) {
    this.log = new ServerLog(connection);
    this.settings = new SettingsStore(connection);
    this.worker = new WorkerClient(
      (event) => this.workerEvent(event),
      (reason) => this.workerRestarted(reason),
      options.workerScript,
    );
    this.documents = new OpenDocuments(
      {
        validate: (uri) => this.validation.validate(uri),
        closed: (uri) => this.log.guard('close', () => this.closed(uri), undefined),
        failed: (error) => this.log.failure('analysis', error),
      },
      options.debounceMs ?? DEBOUNCE_MS,
    );
    this.validation = new Validation({
      connection,
      documents: this.documents,
      settings: this.settings,
      projects: this.projects,
      worker: this.worker,
      rules: options.rules ?? allRules,
      log: this.log,
      testMode: () => this.testMode,
    });
    this.apps = new WorkspaceApps({
      connection,
      worker: this.worker,
      settings: this.settings,
      log: this.log,
      isOpen: (uri) => this.validation.isOpen(uri),
      supportsProgress: () => this.supportsProgress,
    });
  }

  listen(): void {
    const { connection, log } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => {
      this.registerForConfiguration();
      this.refreshApps();
    });
    connection.onDidChangeConfiguration((change) =>
      log.guard('configuration change', () => {
        this.settings.changed(change?.settings);
        this.documents.scheduleAll();
        this.refreshApps();
      }, undefined),
    );
    connection.onDidChangeWatchedFiles((params) => log.guard('watched files', () => this.filesChanged(params.changes), undefined));
    connection.onCodeAction(async (params) => {
      try {
        const analysed = this.validation.analysedNow(params.textDocument.uri);
        return analysed ? await codeActionsFor(params, analysed, this.fixAllOutput) : [];
      } catch (error) {
        log.failure('code action', error);
        return [];
      }
    });
    connection.onCompletion((params) => log.guard('completion', () => this.withAnalysis(params.textDocument.uri, (analysed) => completionItems(analysed, params.position), []), []));
    connection.onHover((params) => log.guard('hover', () => this.withAnalysis(params.textDocument.uri, (analysed) => hoverAt(analysed, params.position), null), null));
    connection.onRequest(CheckWholeAppRequest, async (params, token) => {
      try {
        return await this.apps.checkWholeApp(params?.uri, token);
      } catch (error) {
        log.failure('whole-app check', error);
        return { apps: [], cancelled: true };
      }
    });
    connection.onShutdown(() => {
      this.documents.dispose();
      this.worker.dispose();
    });
    this.documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    const capabilities = params.capabilities;
    this.settings.pullsConfiguration = capabilities?.workspace?.configuration === true;
    this.registersConfiguration = capabilities?.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    this.supportsProgress = capabilities?.window?.workDoneProgress === true;
    const initializationOptions = params.initializationOptions as { testMode?: unknown; debounceMs?: unknown; progressDelayMs?: unknown } | undefined;
    this.testMode = initializationOptions?.testMode === true;
    // The benchmark measures analysis, not the deliberate wait for the typist.
    if (typeof initializationOptions?.debounceMs === 'number' && initializationOptions.debounceMs >= 0) this.documents.debounceMs = initializationOptions.debounceMs;
    if (typeof initializationOptions?.progressDelayMs === 'number' && initializationOptions.progressDelayMs >= 0) this.apps.progressDelayMs = initializationOptions.progressDelayMs;
    const folders = (params.workspaceFolders ?? []).map((folder) => filePathOf(folder.uri)).filter((folder): folder is string => !!folder);
    const root = params.rootUri ? filePathOf(params.rootUri) : undefined;
    if (folders.length === 0 && root) folders.push(root);
    this.folders = folders;
    this.files.setWorkspaceFolders(folders);
    this.configureWorker();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        completionProvider: { triggerCharacters: [] },
        hoverProvider: true,
      },
      serverInfo: { name: 'next-after-lint' },
    };
  }

  private configureWorker(): void {
    // The worker may read what this thread may: the workspace, and our own TypeScript lib files.
    this.worker.post({ kind: 'configure', folders: this.folders, ownFolders: [] });
  }

  /** A client that is asked for settings must still tell us when they change. */
  private registerForConfiguration(): void {
    if (!this.settings.pullsConfiguration || !this.registersConfiguration) return;
    this.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch((error: unknown) => {
      this.log.once('register', `next-after-lint: could not register for configuration changes: ${String(error)}`, 'warn');
    });
  }

  private refreshApps(): void {
    this.apps.refresh().catch((error: unknown) => this.log.failure('finding the Next.js apps', error));
  }

  private readonly fixAllOutput: FixAllOutput = async (analysed: AnalysedDocument, rule?: string) => {
    const file = filePathOf(analysed.document.uri);
    if (!file) return analysed.input.text;
    const { text, ...input } = analysed.input;
    return this.worker.request<string>({ kind: 'fixAll', file, text, input, ...(rule ? { rule } : {}) }).result;
  };

  /** Files changed on disk (a checkout, a generator, a save): the worker's index and whole-app view follow. */
  private filesChanged(changes: readonly FileEvent[]): void {
    const events = changes.flatMap((change) => {
      const file = filePathOf(change.uri);
      const type = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      return file ? [{ file: path.resolve(file), type } as const] : [];
    });
    if (events.length === 0) return;
    this.worker.request({ kind: 'filesChanged', changes: events }).result.catch((error: unknown) => this.log.failure('watched files', error));
    if (events.some((event) => APP_FILES.test(event.file) || /(^|[\\/])vercel\.json$/.test(event.file))) {
      // A package.json, next.config or vercel.json changed: apps may have appeared, gone or changed version.
      this.projects.invalidate();
      this.documents.scheduleAll();
      if (events.some((event) => APP_FILES.test(event.file))) this.refreshApps();
    }
  }

  private workerEvent(event: WorkerEvent): void {
    switch (event.kind) {
      case 'fileFindings':
        return this.apps.fileFindings(event.check, event.file, event.findings);
      case 'status':
        return this.apps.status(event.status);
      case 'revalidate':
        for (const file of event.files) {
          this.projects.forgetServing(file);
          this.documents.scheduleSoon(pathToFileURL(file).href);
        }
        return;
      case 'log':
        this.log.once(`worker:${event.message}`, event.message, event.level);
        return;
    }
  }

  private workerRestarted(reason: string): void {
    this.log.once(`restart:${reason}`, `next-after-lint: ${reason}.`, 'warn');
    this.configureWorker();
    this.documents.scheduleAll();
    this.refreshApps();
  }

  private withAnalysis<T>(uri: string, answer: (analysed: AnalysedDocument) => T, none: T): T {
    const analysed = this.validation.analysedNow(uri);
    return analysed ? answer(analysed) : none;
  }

  private closed(uri: string): void {
    this.settings.forget(uri);
    this.validation.closed(uri);
  }
}
