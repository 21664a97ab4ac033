import {
  CodeActionKind,
  CompletionItemKind,
  DidChangeConfigurationNotification,
  InsertTextFormat,
  MarkupKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Hover,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterCompletionAt, afterHoverAt, analyzeFile, diskFileSystem, looksBinary, ProjectHost, rules as allRules, typeScriptLibFolder, type Finding, type Rule } from '../analysis';
import { codeActionsFor, type AnalysedDocument } from './codeActions';
import { toDiagnostic } from './diagnostics';
import { FileAccess } from './fileAccess';
import { filePathOf, layeredSettings, ProjectResolver } from './project';
import { AnalysedNotification, FIX_ALL_KIND, SETTINGS_SECTION } from './protocol';
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from './settings';

/** Documents bigger than this are not analysed (a generated bundle opened by mistake). */
const MAX_DOCUMENT_CHARS = 5 * 1024 * 1024;
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
 */
export class LanguageServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly files = new FileAccess();
  private readonly projects = new ProjectResolver(this.files);
  private readonly analysed = new Map<string, AnalysedDocument>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly settingsCache = new Map<string, Promise<ServerSettings>>();
  private readonly resolvedSettings = new Map<string, ServerSettings>();
  private readonly reported = new Set<string>();
  private readonly rules: readonly Rule[];
  private debounceMs: number;
  private readonly semantic: ProjectHost;
  private pullsConfiguration = false;
  private registersConfiguration = false;
  private pushedSettings: unknown;
  private testMode = false;

  constructor(private readonly connection: Connection, options: LanguageServerOptions = {}) {
    this.rules = options.rules ?? allRules;
    this.debounceMs = options.debounceMs ?? DEBOUNCE_MS;
    // TypeScript's lib files sit beside the bundle; everything else read must be in the workspace.
    this.files.allowOwnFolder(typeScriptLibFolder());
    this.semantic = new ProjectHost(diskFileSystem((file) => this.files.isAllowed(file)));
    setInterval(() => this.semantic.disposeIdle(PROJECT_IDLE_MS), PROJECT_IDLE_MS).unref();
  }

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => {
      if (this.pullsConfiguration && this.registersConfiguration) {
        connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch((error: unknown) => {
          this.logOnce('register', `next-after-lint: could not register for configuration changes: ${String(error)}`, 'warn');
        });
      }
    });
    connection.onDidChangeConfiguration((change) => this.guard('configuration change', () => {
      this.pushedSettings = (change.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
      this.settingsCache.clear();
      for (const document of documents.all()) this.schedule(document, 0);
    }));
    connection.onDidChangeWatchedFiles(() => this.guard('watched files', () => {
      this.projects.invalidate();
      for (const document of documents.all()) this.schedule(document, 0);
    }));
    documents.onDidOpen((event) => this.schedule(event.document, 0));
    documents.onDidChangeContent((event) => this.schedule(event.document, this.debounceMs));
    documents.onDidClose((event) => this.guard('close', () => {
      const uri = event.document.uri;
      clearTimeout(this.timers.get(uri));
      this.timers.delete(uri);
      this.analysed.delete(uri);
      const filePath = filePathOf(uri);
      if (filePath) this.semantic.removeOverlay(filePath);
      this.settingsCache.delete(uri);
      this.resolvedSettings.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
    }));
    connection.onCodeAction((params) => this.guard('code action', () => this.codeActions(params.textDocument.uri, params), []));
    connection.onCompletion((params) => this.guard('completion', () => this.completion(params.textDocument.uri, params.position), []));
    connection.onHover((params) => this.guard('hover', () => this.hover(params.textDocument.uri, params.position), null));
    documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.pullsConfiguration = params.capabilities.workspace?.configuration === true;
    this.registersConfiguration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    const initializationOptions = params.initializationOptions as { testMode?: unknown; debounceMs?: unknown } | undefined;
    this.testMode = initializationOptions?.testMode === true;
    // The benchmark measures analysis, not the deliberate wait for the typist.
    if (typeof initializationOptions?.debounceMs === 'number' && initializationOptions.debounceMs >= 0) this.debounceMs = initializationOptions.debounceMs;
    const folders = (params.workspaceFolders ?? []).map((folder) => filePathOf(folder.uri)).filter((path): path is string => !!path);
    if (folders.length === 0 && params.rootUri) {
      const root = filePathOf(params.rootUri);
      if (root) folders.push(root);
    }
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

  /** Runs a handler; an exception is logged once and answered with `fallback`, never fatal. */
  private guard<T>(what: string, handler: () => T, fallback?: T): T {
    try {
      return handler();
    } catch (error) {
      this.logOnce(`${what}:${String(error)}`, `next-after-lint: ${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback as T;
    }
  }

  private logOnce(key: string, message: string, level: 'error' | 'warn' | 'info' = 'error'): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.connection.console[level](message);
  }

  private schedule(document: TextDocument, delay: number): void {
    const uri = document.uri;
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.validate(uri).catch((error: unknown) => this.logOnce(`validate:${String(error)}`, `next-after-lint: analysis failed: ${String(error)}`));
      }, delay),
    );
  }

  private settingsFor(uri: string): Promise<ServerSettings> {
    let settings = this.settingsCache.get(uri);
    if (!settings) {
      settings = this.pullsConfiguration
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(readSettings, () => DEFAULT_SETTINGS)
        : Promise.resolve(readSettings(this.pushedSettings));
      this.settingsCache.set(uri, settings);
    }
    return settings;
  }

  /** Analyses the current version; a newer edit arriving meanwhile makes this result be dropped. */
  private async validate(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    if (!document) return;
    const version = document.version;
    const settings = await this.settingsFor(uri);
    const current = this.documents.get(uri);
    if (!current || current.version !== version) return;
    this.resolvedSettings.set(uri, settings);
    for (const problem of settings.problems) this.logOnce(`settings:${problem}`, problem, 'warn');
    const analysed = this.analyse(current, settings);
    await this.publish(current, analysed, 'syntactic');
    if (analysed) setImmediate(() => this.guard('semantic analysis', () => void this.validateWithTypes(uri, version, analysed)));
  }

  private async publish(document: TextDocument, analysed: AnalysedDocument | undefined, phase: 'syntactic' | 'semantic'): Promise<void> {
    const diagnostics = analysed ? analysed.findings.map((finding, index) => toDiagnostic(document, finding, index)) : [];
    await this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    if (this.testMode) await this.connection.sendNotification(AnalysedNotification, { uri: document.uri, version: document.version, count: diagnostics.length, phase });
  }

  /**
   * Semantic diagnostics follow the syntactic ones and replace them when they differ; a newer
   * edit makes this version's work be dropped before and after the type check.
   */
  private async validateWithTypes(uri: string, version: number, syntactic: AnalysedDocument): Promise<void> {
    const stillCurrent = (): boolean => this.documents.get(uri)?.version === version;
    const filePath = filePathOf(uri);
    if (!filePath || !stillCurrent()) return;
    const { input } = syntactic;
    this.semantic.setOverlay(filePath, version, input.text);
    const types = this.semantic.typeInfoFor(filePath, input.text);
    if (!types || !stillCurrent()) return;
    const result = analyzeFile({ ...input, types }, this.rules);
    if (!stillCurrent()) return;
    // The stored input keeps no program: old programs (and their checkers) can be collected.
    const analysed = { document: syntactic.document, input, findings: result.findings };
    this.analysed.set(uri, analysed);
    if (!sameFindings(result.findings, syntactic.findings)) await this.publish(syntactic.document, analysed, 'semantic');
    else if (this.testMode) await this.connection.sendNotification(AnalysedNotification, { uri, version, count: result.findings.length, phase: 'semantic' });
  }

  /** Runs the engine on a document version and stores the result; undefined when it is not analysed. */
  private analyse(document: TextDocument, settings: ServerSettings): AnalysedDocument | undefined {
    const uri = document.uri;
    const text = document.getText();
    const project = settings.enable ? this.projects.resolve(uri) : undefined;
    let analysed: AnalysedDocument | undefined;
    if (project && text.length > MAX_DOCUMENT_CHARS) {
      this.logOnce(`large:${uri}`, `next-after-lint: ${project.filePath} has ${text.length} characters, more than ${MAX_DOCUMENT_CHARS}; not analysed.`, 'warn');
    } else if (project && looksBinary(text)) {
      this.logOnce(`binary:${uri}`, `next-after-lint: ${project.filePath} looks binary (NUL characters); not analysed.`, 'warn');
    } else if (project) {
      for (const problem of project.packageProblems) this.logOnce(`settings:${problem}`, problem, 'warn');
      const input = { text, appRelativePath: project.appRelativePath, nextVersion: project.nextVersion, settings: layeredSettings(project, settings.engine) };
      const result = analyzeFile(input, this.rules);
      for (const failure of result.ruleFailures) {
        this.logOnce(`rule:${failure.rule}`, `next-after-lint: rule ${failure.rule} failed and was skipped; the other rules still ran.\n${failure.error}`);
      }
      analysed = { document, input, findings: result.findings };
    }
    if (analysed) this.analysed.set(uri, analysed);
    else this.analysed.delete(uri);
    return analysed;
  }

  /**
   * The analysis of the document as it is now: requests that arrive between an edit and its
   * debounced analysis (completion while typing, fix-all on save) analyse synchronously.
   */
  private analysedNow(uri: string): AnalysedDocument | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const analysed = this.analysed.get(uri);
    if (analysed && analysed.document.version === document.version) return analysed;
    const settings = this.resolvedSettings.get(uri);
    return settings ? this.analyse(document, settings) : undefined;
  }

  private codeActions(uri: string, params: Parameters<typeof codeActionsFor>[0]): CodeAction[] {
    const analysed = this.analysedNow(uri);
    return analysed ? codeActionsFor(params, analysed) : [];
  }

  private completion(uri: string, position: { line: number; character: number }): CompletionItem[] {
    const analysed = this.analysedNow(uri);
    if (!analysed) return [];
    const { document } = analysed;
    const offset = document.offsetAt(position);
    const completion = afterCompletionAt(analysed.input, offset);
    if (!completion) return [];
    return [
      {
        label: completion.label,
        kind: CompletionItemKind.Snippet,
        detail: completion.detail,
        documentation: { kind: MarkupKind.Markdown, value: completion.documentation },
        insertText: completion.snippet,
        insertTextFormat: InsertTextFormat.Snippet,
        sortText: '0after',
        additionalTextEdits: completion.additionalEdits.map((edit) => ({
          range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) },
          newText: edit.text,
        })),
      },
    ];
  }

  private hover(uri: string, position: { line: number; character: number }): Hover | null {
    const analysed = this.analysedNow(uri);
    if (!analysed) return null;
    const { document } = analysed;
    const hover = afterHoverAt(analysed.input, document.offsetAt(position));
    if (!hover) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: hover.markdown },
      range: { start: document.positionAt(hover.start), end: document.positionAt(hover.end) },
    };
  }
}

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  return a.length === b.length && a.every((finding, index) => {
    const other = b[index]!;
    return finding.rule === other.rule && finding.start === other.start && finding.end === other.end && finding.message === other.message && finding.severity === other.severity;
  });
}
