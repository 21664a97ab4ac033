import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { diskFileSystem, ProjectHost, rules as allRules, typeScriptLibFolder, type Rule } from '../analysis';
import { codeActionsFor } from './codeActions';
import { completionItems } from './completion';
import { OpenDocuments } from './documents';
import { FileAccess } from './fileAccess';
import { hoverAt } from './hover';
import { ServerLog } from './log';
import { filePathOf, ProjectResolver } from './project';
import { FIX_ALL_KIND, SETTINGS_SECTION } from './protocol';
import { SettingsStore } from './settings';
import { Validation } from './validation';

const DEBOUNCE_MS = 150;
/** A project's language service is dropped after this long without a request. */
const PROJECT_IDLE_MS = 5 * 60 * 1000;

export interface LanguageServerOptions {
  /** The rules to run; tests inject a throwing rule to check that it cannot take the others down. */
  rules?: readonly Rule[];
  debounceMs?: number;
}

/**
 * A small vscode-eslint: open documents are analysed on open and change (debounced, latest version
 * wins), findings are kept per version so code actions map diagnostics back to their fixes.
 * Takes the connection from outside, so tests can run it in-process over two streams.
 */
export class LanguageServer {
  private readonly log: ServerLog;
  private readonly files = new FileAccess();
  private readonly projects = new ProjectResolver(this.files);
  private readonly settings: SettingsStore;
  private readonly documents: OpenDocuments;
  private readonly semantic: ProjectHost;
  private readonly validation: Validation;
  private readonly idleTimer: NodeJS.Timeout;
  private registersConfiguration = false;
  private testMode = false;

  constructor(private readonly connection: Connection, options: LanguageServerOptions = {}) {
    this.log = new ServerLog(connection);
    this.settings = new SettingsStore(connection);
    // TypeScript's lib files sit beside the bundle; everything else read must be in the workspace.
    this.files.allowOwnFolder(typeScriptLibFolder());
    this.semantic = new ProjectHost(diskFileSystem((file) => this.files.isAllowed(file)));
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
      semantic: this.semantic,
      rules: options.rules ?? allRules,
      log: this.log,
      testMode: () => this.testMode,
    });
    this.idleTimer = setInterval(() => this.semantic.disposeIdle(PROJECT_IDLE_MS), PROJECT_IDLE_MS).unref();
  }

  listen(): void {
    const { connection, log } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => this.registerForConfiguration());
    connection.onDidChangeConfiguration((change) =>
      log.guard('configuration change', () => {
        this.settings.changed(change?.settings);
        this.documents.scheduleAll();
      }, undefined),
    );
    connection.onDidChangeWatchedFiles(() =>
      log.guard('watched files', () => {
        // A package.json, next.config or vercel.json changed: apps may have appeared, gone, or changed version or crons.
        this.projects.invalidate();
        this.documents.scheduleAll();
      }, undefined),
    );
    connection.onCodeAction((params) => log.guard('code action', () => this.withAnalysis(params.textDocument.uri, (analysed) => codeActionsFor(params, analysed), []), []));
    connection.onCompletion((params) => log.guard('completion', () => this.withAnalysis(params.textDocument.uri, (analysed) => completionItems(analysed, params.position), []), []));
    connection.onHover((params) => log.guard('hover', () => this.withAnalysis(params.textDocument.uri, (analysed) => hoverAt(analysed, params.position), null), null));
    connection.onShutdown(() => {
      this.documents.dispose();
      clearInterval(this.idleTimer);
      this.semantic.dispose();
    });
    this.documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    const workspace = params.capabilities?.workspace;
    this.settings.pullsConfiguration = workspace?.configuration === true;
    this.registersConfiguration = workspace?.didChangeConfiguration?.dynamicRegistration === true;
    const initializationOptions = params.initializationOptions as { testMode?: unknown; debounceMs?: unknown } | undefined;
    this.testMode = initializationOptions?.testMode === true;
    // The benchmark measures analysis, not the deliberate wait for the typist.
    if (typeof initializationOptions?.debounceMs === 'number' && initializationOptions.debounceMs >= 0) this.documents.debounceMs = initializationOptions.debounceMs;
    const folders = (params.workspaceFolders ?? []).map((folder) => filePathOf(folder.uri)).filter((path): path is string => !!path);
    const root = params.rootUri ? filePathOf(params.rootUri) : undefined;
    if (folders.length === 0 && root) folders.push(root);
    this.files.setWorkspaceFolders(folders);
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

  /** A client that is asked for settings must still tell us when they change. */
  private registerForConfiguration(): void {
    if (!this.settings.pullsConfiguration || !this.registersConfiguration) return;
    this.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch((error: unknown) => {
      this.log.once('register', `next-after-lint: could not register for configuration changes: ${String(error)}`, 'warn');
    });
  }

  private withAnalysis<T>(uri: string, answer: (analysed: NonNullable<ReturnType<Validation['analysedNow']>>) => T, none: T): T {
    const analysed = this.validation.analysedNow(uri);
    return analysed ? answer(analysed) : none;
  }

  private closed(uri: string): void {
    this.settings.forget(uri);
    this.validation.closed(uri);
  }
}
