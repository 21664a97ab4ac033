import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Rule } from '../analysis';
import { analyseDocument, sameFindings, type AnalysedDocument } from './analyse';
import { toDiagnostic } from './diagnostics';
import type { OpenDocuments } from './documents';
import type { ServerLog } from './log';
import { filePathOf, type ProjectResolver } from './project';
import { AnalysedNotification } from './protocol';
import type { ServerSettings, SettingsStore } from './settings';
import type { AnalyseResult } from './worker/protocol';
import type { WorkerClient } from './worker/workerClient';

export interface ValidationParts {
  connection: Connection;
  documents: OpenDocuments;
  settings: SettingsStore;
  projects: ProjectResolver;
  worker: WorkerClient;
  rules: readonly Rule[];
  log: ServerLog;
  /** Whether to send `nextAfterLint/analysed` after each publish (the client asked for test mode). */
  testMode(): boolean;
}

/**
 * Document version -> findings -> published diagnostics, in two phases. This thread analyses the
 * document alone (milliseconds: the first diagnostics never wait for anything else); the analysis
 * worker then analyses it with facts from other files (the project index, and the TypeScript checker
 * with `typeAware: full`) and its findings replace the first ones when they differ. A newer version
 * makes older work be dropped, here and in the worker's queue. Files outside any Next.js app get an
 * explicit empty publish, so a client never keeps stale ones.
 */
export class Validation {
  private readonly analysed = new Map<string, AnalysedDocument>();
  /** What the routes said of each document's functions, as the worker last answered: this thread's own analyses use it. */
  private readonly served = new Map<string, NonNullable<AnalyseResult['served']>>();

  constructor(private readonly parts: ValidationParts) {}

  async validate(uri: string): Promise<void> {
    const { documents, settings, log } = this.parts;
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    const resolved = await settings.for(uri);
    if (!documents.isCurrent(uri, version)) return;
    for (const problem of resolved.problems) log.once(`settings:${problem}`, problem, 'warn');
    await this.askWhichAppServes(uri);
    if (!documents.isCurrent(uri, version)) return;
    const analysed = this.analyse(document, resolved);
    await this.publish(document, analysed, 'syntactic');
    if (analysed) await this.validateAcrossFiles(uri, version, analysed, resolved);
  }

  /**
   * The analysis of the document as it is now: requests that arrive between an edit and its
   * debounced analysis (completion while typing) analyse synchronously, on their own.
   */
  analysedNow(uri: string): AnalysedDocument | undefined {
    const document = this.parts.documents.get(uri);
    if (!document) return undefined;
    const analysed = this.analysed.get(uri);
    if (analysed && analysed.document.version === document.version) return analysed;
    const settings = this.parts.settings.lastUsed(uri);
    return settings ? this.analyse(document, settings) : undefined;
  }

  /**
   * A file outside every Next.js app may still run in a request: a tRPC router of a workspace
   * package without `next`, served by an app's route. The worker knows (once per file until apps
   * or routes change).
   */
  private async askWhichAppServes(uri: string): Promise<void> {
    const { projects, worker, log } = this.parts;
    const filePath = filePathOf(uri);
    if (!filePath || projects.knowsServing(filePath) || projects.resolve(uri)) return;
    try {
      projects.setServing(filePath, await worker.request<string | undefined>({ kind: 'servingApp', file: filePath }).result);
    } catch (error) {
      log.failure('which app serves a file', error);
    }
  }

  isOpen(uri: string): boolean {
    return this.parts.documents.get(uri) !== undefined;
  }

  closed(uri: string): void {
    this.analysed.delete(uri);
    this.served.delete(uri);
    const filePath = filePathOf(uri);
    if (filePath) this.parts.worker.post({ kind: 'close', file: filePath });
    this.parts.log.quietly(this.parts.connection.sendDiagnostics({ uri, diagnostics: [] }));
  }

  private analyse(document: TextDocument, settings: ServerSettings): AnalysedDocument | undefined {
    const { projects, rules, log } = this.parts;
    const analysed = analyseDocument(document, settings, projects.resolve(document.uri), rules, log, this.served.get(document.uri));
    if (analysed) this.analysed.set(document.uri, analysed);
    else this.analysed.delete(document.uri);
    return analysed;
  }

  private async publish(document: TextDocument, analysed: AnalysedDocument | undefined, phase: 'syntactic' | 'semantic'): Promise<void> {
    const diagnostics = analysed ? analysed.findings.map((finding, index) => toDiagnostic(document, finding, index)) : [];
    await this.parts.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    await this.notifyAnalysed(document.uri, document.version, diagnostics.length, phase);
  }

  private async notifyAnalysed(uri: string, version: number, count: number, phase: 'syntactic' | 'semantic'): Promise<void> {
    if (this.parts.testMode()) await this.parts.connection.sendNotification(AnalysedNotification, { uri, version, count, phase });
  }

  /** The worker's analysis with facts from other files; published when still current and different. */
  private async validateAcrossFiles(uri: string, version: number, syntactic: AnalysedDocument, settings: ServerSettings): Promise<void> {
    const { documents, worker, log } = this.parts;
    const filePath = filePathOf(uri);
    if (!filePath) return;
    const { text, served: _served, ...input } = syntactic.input;
    let result: AnalyseResult | undefined;
    try {
      result = await worker.request<AnalyseResult | undefined>({ kind: 'analyse', file: filePath, version, text, input, typeAware: settings.typeAware }).result;
    } catch (error) {
      // The worker restarted or is gone: the document keeps its own diagnostics.
      log.failure('cross-file analysis', error);
      return;
    }
    // Undefined: a newer version of the document replaced this request in the worker's queue.
    if (!result || !documents.isCurrent(uri, version)) return;
    for (const failure of result.ruleFailures) {
      log.once(`rule:${failure.rule}`, `next-after-lint: rule ${failure.rule} failed and was skipped; the other rules still ran.\n${failure.error}`);
    }
    if (result.served) this.served.set(uri, result.served);
    else this.served.delete(uri);
    const { served: _before, ...lone } = syntactic.input;
    const analysed = { document: syntactic.document, input: result.served ? { ...lone, served: result.served } : lone, findings: result.findings };
    this.analysed.set(uri, analysed);
    if (!sameFindings(result.findings, syntactic.findings)) await this.publish(syntactic.document, analysed, 'semantic');
    else await this.notifyAnalysed(uri, version, result.findings.length, 'semantic');
  }
}
