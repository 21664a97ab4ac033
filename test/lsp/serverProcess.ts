import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { AppState } from '../../server/src/lsp/protocol';

export const SERVER_PATH = join(__dirname, '..', '..', '..', 'server', 'out', 'server.js');
/** The server's analysis thread, for a server run in-process by a test. */
export const SERVER_WORKER = join(__dirname, '..', '..', '..', 'server', 'out', 'worker.js');

/** A temporary Next.js app on disk: the server decides from its package.json that files belong to an app. */
export function makeWorkspace(files: Record<string, string>, nextVersion: string | null = '15.3.0'): string {
  const root = mkdtempSync(join(tmpdir(), 'nal-lsp-'));
  const dependencies = nextVersion === null ? {} : { next: nextVersion };
  const all = { 'package.json': JSON.stringify({ name: 'app', dependencies }), ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

export const uriOf = (root: string, path: string): string => pathToFileURL(join(root, path)).href;

/**
 * Answers to the server's requests (settings, progress tokens) may still be on their way when a test
 * ends and the server exits: a write to its closed input is no failure of the test.
 */
class QuietWriter extends StreamMessageWriter {
  override async write(message: Parameters<StreamMessageWriter['write']>[0]): Promise<void> {
    try {
      await super.write(message);
    } catch {
      // The server is gone.
    }
  }
}

interface Analysed {
  uri: string;
  version: number;
  count: number;
  phase: 'syntactic' | 'semantic';
}

/**
 * The built server over stdio, as another editor would run it. Tests wait for the server's own
 * events (publishDiagnostics, the test-mode `nextAfterLint/analysed`), never for fixed times.
 */
export class ServerSession {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  readonly stderr: string[] = [];
  readonly logs: { type: number; message: string }[] = [];
  private readonly published = new Map<string, PublishDiagnosticsParams[]>();
  /** Every publish in the order it came, for tests that check nothing older came after something newer. */
  readonly publishLog: PublishDiagnosticsParams[] = [];
  /** `nextAfterLint/status` notifications, in order. */
  readonly statuses: { apps: AppState[] }[] = [];
  /** `$/progress` values, in order. */
  readonly progress: { token: string | number; value: { kind: string; message?: string; title?: string } }[] = [];
  private readonly analysed: Analysed[] = [];
  private waiters: (() => void)[] = [];
  settings: Record<string, unknown> = {};
  private versions = new Map<string, number>();

  /** `execArgv` and `env` let a test run the server under a preload that watches what it does. */
  constructor(readonly root: string, options: { execArgv?: string[]; env?: NodeJS.ProcessEnv } = {}) {
    this.process = spawn(process.execPath, [...(options.execArgv ?? []), SERVER_PATH, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.process.stdin!.on('error', () => undefined);
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new QuietWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.set(params.uri, [...(this.published.get(params.uri) ?? []), params]);
      this.publishLog.push(params);
      this.wake();
    });
    this.connection.onNotification('nextAfterLint/analysed', (params: Analysed) => {
      this.analysed.push(params);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      this.logs.push(params);
      this.wake();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('$/progress', (params: ServerSession['progress'][number]) => {
      this.progress.push(params);
      this.wake();
    });
    this.connection.onNotification('nextAfterLint/status', (params: { apps: AppState[] }) => {
      this.statuses.push(params);
      this.wake();
    });
    this.connection.listen();
  }

  async initialize(options: { configuration?: boolean; progress?: boolean; debounceMs?: number } = {}): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(this.root).href,
      workspaceFolders: [{ uri: pathToFileURL(this.root).href, name: 'app' }],
      capabilities: {
        workspace: { configuration: options.configuration ?? true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: {} },
        window: { workDoneProgress: options.progress ?? false },
      },
      initializationOptions: { testMode: true, progressDelayMs: 0, ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }) },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(path: string, text: string, languageId = path.endsWith('x') ? 'typescriptreact' : 'typescript'): string {
    return this.openUri(uriOf(this.root, path), text, languageId);
  }

  /** Opens a document anywhere, inside the workspace folder or not. */
  openUri(uri: string, text: string, languageId = uri.endsWith('x') ? 'typescriptreact' : 'typescript'): string {
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  change(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves when `check` holds, re-checked on every message from the server; rejects at the deadline. */
  async until<T>(what: string, check: () => T | undefined, timeoutMs = 15000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`Timed out waiting for ${what}. Server stderr:\n${this.stderr.join('').slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The diagnostics published for exactly this document version. */
  diagnosticsFor(uri: string, version: number): Promise<Diagnostic[]> {
    return this.until(`diagnostics of ${uri} v${version}`, () => this.published.get(uri)?.find((params) => params.version === version)?.diagnostics);
  }

  /** The latest status of the app at `root` (a `file:` URI), once one came. */
  appStatus(root = pathToFileURL(this.root).href): AppState | undefined {
    for (let index = this.statuses.length - 1; index >= 0; index--) {
      const app = this.statuses[index]!.apps.find((candidate) => candidate.root === root);
      if (app) return app;
    }
    return undefined;
  }

  /** Tells the server that files changed on disk, as an editor's file watcher does. */
  filesChanged(changes: { path: string; type: 1 | 2 | 3 }[]): void {
    void this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map((change) => ({ uri: uriOf(this.root, change.path), type: change.type })) });
  }

  /** The latest publish for a document (after close the server publishes without a version). */
  lastPublished(uri: string): PublishDiagnosticsParams | undefined {
    return this.published.get(uri)?.at(-1);
  }

  /** The analysis phases reported so far for a document version. */
  analysedPhases(uri: string, version: number): string[] {
    return this.analysed.filter((entry) => entry.uri === uri && entry.version === version).map((entry) => entry.phase);
  }

  analysedCount(uri: string, version: number): Promise<number> {
    return this.until(`analysis of ${uri} v${version}`, () => this.analysed.find((entry) => entry.uri === uri && entry.version === version)?.count);
  }

  async dispose(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      void this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone; it is killed below either way.
    }
    this.connection.dispose();
    this.process.kill();
  }
}
