import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeFile, type ProjectHost, type Rule } from '../analysis';
import { analyseDocument, sameFindings, type AnalysedDocument } from './analyse';
import { toDiagnostic } from './diagnostics';
import type { OpenDocuments } from './documents';
import type { ServerLog } from './log';
import { filePathOf, type ProjectResolver } from './project';
import { AnalysedNotification } from './protocol';
import type { ServerSettings, SettingsStore } from './settings';

export interface ValidationParts {
  connection: Connection;
  documents: OpenDocuments;
  settings: SettingsStore;
  projects: ProjectResolver;
  semantic: ProjectHost;
  rules: readonly Rule[];
  log: ServerLog;
  /** Whether to send `nextAfterLint/analysed` after each publish (the client asked for test mode). */
  testMode(): boolean;
}

/**
 * Document version -> findings -> published diagnostics, in two phases: syntactic at once, then
 * type-aware, which replaces them when it differs. A newer version makes older work be dropped.
 * Files outside any Next.js app get an explicit empty publish, so a client never keeps stale ones.
 */
export class Validation {
  private readonly analysed = new Map<string, AnalysedDocument>();

  constructor(private readonly parts: ValidationParts) {}

  async validate(uri: string): Promise<void> {
    const { documents, settings, log } = this.parts;
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    const resolved = await settings.for(uri);
    if (!documents.isCurrent(uri, version)) return;
    for (const problem of resolved.problems) log.once(`settings:${problem}`, problem, 'warn');
    const analysed = this.analyse(document, resolved);
    await this.publish(document, analysed, 'syntactic');
    if (analysed) setImmediate(() => this.validateWithTypes(uri, version, analysed).catch((error: unknown) => log.failure('type-aware analysis', error)));
  }

  /**
   * The analysis of the document as it is now: requests that arrive between an edit and its
   * debounced analysis (completion while typing, fix-all on save) analyse synchronously.
   */
  analysedNow(uri: string): AnalysedDocument | undefined {
    const document = this.parts.documents.get(uri);
    if (!document) return undefined;
    const analysed = this.analysed.get(uri);
    if (analysed && analysed.document.version === document.version) return analysed;
    const settings = this.parts.settings.lastUsed(uri);
    return settings ? this.analyse(document, settings) : undefined;
  }

  closed(uri: string): void {
    this.analysed.delete(uri);
    const filePath = filePathOf(uri);
    if (filePath) this.parts.semantic.removeOverlay(filePath);
    void this.parts.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private analyse(document: TextDocument, settings: ServerSettings): AnalysedDocument | undefined {
    const { projects, rules, log } = this.parts;
    const analysed = analyseDocument(document, settings, projects.resolve(document.uri), rules, log);
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

  private async validateWithTypes(uri: string, version: number, syntactic: AnalysedDocument): Promise<void> {
    const { documents, semantic, rules } = this.parts;
    const filePath = filePathOf(uri);
    if (!filePath || !documents.isCurrent(uri, version)) return;
    const { input } = syntactic;
    semantic.setOverlay(filePath, version, input.text);
    const types = semantic.typeInfoFor(filePath, input.text);
    if (!types || !documents.isCurrent(uri, version)) return;
    const result = analyzeFile({ ...input, types }, rules);
    for (const failure of result.ruleFailures) {
      this.parts.log.once(`rule:${failure.rule}`, `next-after-lint: rule ${failure.rule} failed and was skipped; the other rules still ran.\n${failure.error}`);
    }
    if (!documents.isCurrent(uri, version)) return;
    // The stored input keeps no program: old programs (and their checkers) can be collected.
    const analysed = { document: syntactic.document, input, findings: result.findings };
    this.analysed.set(uri, analysed);
    if (!sameFindings(result.findings, syntactic.findings)) await this.publish(syntactic.document, analysed, 'semantic');
    else await this.notifyAnalysed(uri, version, result.findings.length, 'semantic');
  }
}
