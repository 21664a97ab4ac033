import * as path from 'node:path';
import {
  analyzeFile,
  appForFile,
  appRelativePath,
  CachedDiskFileSystem,
  crossFileSource,
  diskFileSystem,
  discoverApps,
  filesServedBy,
  findNextApp,
  fixAll,
  listSourceFiles,
  mergeSettings,
  normaliseSettings,
  previewSource,
  ProjectHost,
  ProjectIndex,
  requestScopesKey,
  servedScopesOf,
  signatureOf,
  typeScriptLibFolder,
  type AnalysisInput,
  type Dependencies,
  type Finding,
  type NextApp,
  LineMap,
} from '../../analysis';
import { FileAccess } from '../fileAccess';
import type { AnalyseResult, AppInfo, AppSettings, AppStatus, CheckResult, DocumentInput, FromWorker, PlacedFinding, ToWorker } from './protocol';
import { Scheduler } from './scheduler';

/** Files whose change alters which app a file belongs to, its version, or how imports resolve. */
const PROJECT_FILES = /(^|[\\/])(package\.json|tsconfig(\.[\w-]+)?\.json|jsconfig\.json|pnpm-workspace\.yaml|vercel\.json|next\.config\.(js|mjs|cjs|ts))$/;
/** A language service is dropped after this long without use (typeAware: full). */
const PROGRAM_IDLE_MS = 5 * 60 * 1000;

/** The disk as the index sees it: open documents' texts over the files, reads limited to what the server may read. */
class OverlayFileSystem extends CachedDiskFileSystem {
  readonly overlays = new Map<string, string>();

  override readFile(filePath: string): string | undefined {
    return this.overlays.get(filePath) ?? super.readFile(filePath);
  }

  override fileExists(filePath: string): boolean {
    return this.overlays.has(filePath) || super.fileExists(filePath);
  }
}

/** An app the editor asked to analyse whole: its settings and what each of its files gave. */
interface CheckedApp {
  root: string;
  settings: AppSettings;
  publish: boolean;
  /** The check that analysed it; a newer check of the app, or a cancel, sets `cancelled`. */
  run: { id: number; cancelled: boolean };
  /** Problems per file, as last analysed. */
  problems: Map<string, number>;
  /** Files listed: until the check has listed them, `total` is not known yet. */
  listed: boolean;
  total: number;
  done: number;
}

/**
 * The analysis worker's state: one project index for every app of the workspace, the open
 * documents over the disk, the whole-app results, and the optional TypeScript programs. All heavy
 * work happens here, in slices the scheduler interleaves with the editor's urgent requests.
 */
export class EngineHost {
  private readonly access = new FileAccess();
  private readonly fs = new OverlayFileSystem((file) => this.access.isAllowed(file));
  private readonly apps = new Map<string, NextApp | null>();
  private readonly dependencies = new Map<string, Dependencies>();
  private readonly checked = new Map<string, CheckedApp>();
  /** Files of a running check not analysed yet: a file that needs one analyses it right then. */
  private readonly pending = new Map<string, CheckedApp>();
  private readonly scheduler = new Scheduler((error) => this.send({ kind: 'log', level: 'error', message: `next-after-lint: analysis failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` }));
  private readonly index: ProjectIndex;
  private semantic: ProjectHost | undefined;
  private semanticUsed = 0;

  constructor(private readonly send: (message: FromWorker) => void) {
    this.index = new ProjectIndex(this.fs, {
      provider: (file, duringWalk) => {
        const app = this.pending.get(file);
        // During a request-scope walk only a summary is wanted: the check analyses the file in its turn.
        if (!app || duringWalk) return undefined;
        this.analyseForApp(file, app);
        return this.index.recorded(file)?.summary;
      },
    });
  }

  handle(message: ToWorker): void {
    switch (message.kind) {
      case 'configure':
        this.access.setWorkspaceFolders(message.folders);
        for (const folder of message.ownFolders) this.access.allowOwnFolder(folder);
        this.access.allowOwnFolder(typeScriptLibFolder());
        return;
      case 'analyse':
        // Only the newest version of a document is worth analysing: an older queued one is dropped.
        this.scheduler.urgent(`analyse:${message.file}`, () => this.reply(message.id, () => this.analyseDocument(message)), () => this.reply(message.id, () => undefined));
        return;
      case 'fixAll':
        this.scheduler.urgent(`fix:${message.id}`, () => this.reply(message.id, () => this.fixAll(message.file, message.text, message.input, message.rule)));
        return;
      case 'close':
        this.scheduler.urgent(`close:${message.file}`, () => this.closed(message.file));
        return;
      case 'servingApp':
        this.scheduler.urgent(`serving:${message.id}`, () => this.reply(message.id, () => appForFile(this.index, message.file, this.apps)?.app.root));
        return;
      case 'filesChanged':
        this.scheduler.urgent(`changed:${message.id}`, () => this.reply(message.id, () => this.filesChanged(message.changes)));
        return;
      case 'discover':
        this.scheduler.urgent(`discover:${message.id}`, () => this.reply(message.id, () => this.discover()));
        return;
      case 'check':
        this.startCheck(message.id, message.apps);
        return;
      case 'cancel':
        this.cancelCheck(message.id);
        return;
      case 'dispose':
        this.semantic?.dispose();
        this.scheduler.dispose();
        return;
    }
  }

  private reply(id: number, work: () => unknown): void {
    try {
      this.send({ kind: 'reply', id, result: work() });
    } catch (error) {
      this.send({ kind: 'reply', id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }

  private analyseDocument(message: Extract<ToWorker, { kind: 'analyse' }>): AnalyseResult {
    const { file, text, input } = message;
    this.access.documentOpened(file);
    const before = JSON.stringify(this.index.recorded(file)?.summary ?? null);
    this.fs.overlays.set(file, text);
    // A file a running check has not reached yet: this analysis counts for it (with the editor's text).
    const pendingApp = this.pending.get(file);
    this.pending.delete(file);
    const types = message.typeAware === 'full' ? this.programFor(file, message.version, text) : undefined;
    const scopeInputs = this.scopeInputs();
    const appRoots = appForFile(this.index, file, this.apps)?.appRoots ?? [];
    const { value: result, dependencies } = this.index.track(() => analyzeFile({ ...input, text, crossFile: crossFileSource(this.index, file, appRoots), ...(types ? { types } : {}) }));
    this.dependencies.set(file, dependencies);
    if (pendingApp) pendingApp.done++;
    const app = pendingApp ?? this.checkedAppOf(file);
    if (app) this.countProblems(app, file, result.findings.length);
    if (JSON.stringify(this.index.recorded(file)?.summary ?? null) !== before) {
      this.summaryChanged(file);
      if (scopeInputs.has(file) || isRouteFile(file)) this.servedScopesMayHaveChanged(file);
    }
    return { findings: result.findings, ruleFailures: result.ruleFailures, ...(result.served ? { served: result.served } : {}) };
  }

  /** The modules the apps' request scopes were worked out from (routes, routers), as last worked out. */
  private scopeInputs(): Set<string> {
    const inputs = new Set<string>();
    for (const app of this.apps.values()) {
      if (!app) continue;
      for (const module of this.index.memoDependencies(requestScopesKey(app.root)) ?? []) inputs.add(module);
    }
    return inputs;
  }

  /**
   * A route or a router changed (or files came and went): whichever analysed file the routes now
   * say something else of is analysed again (open documents by the protocol thread, the others here).
   */
  private servedScopesMayHaveChanged(except?: string): void {
    const open: string[] = [];
    for (const [file, dependencies] of this.dependencies) {
      if (file === except || dependencies.servedScopes === undefined) continue;
      const found = appForFile(this.index, file, this.apps);
      const now = found ? signatureOf(servedScopesOf(this.index, file, found.appRoots)) : '';
      if (now === dependencies.servedScopes) continue;
      dependencies.servedScopes = now;
      if (this.fs.overlays.has(file)) open.push(file);
      else {
        const app = this.checkedAppOf(file);
        if (app) this.scheduler.background(`file:${file}`, () => this.analyseForApp(file, app));
      }
    }
    if (open.length > 0) this.send({ kind: 'revalidate', files: open });
  }

  private programFor(file: string, version: number, text: string): ReturnType<ProjectHost['typeInfoFor']> {
    this.semantic ??= new ProjectHost(diskFileSystem((candidate) => this.access.isAllowed(candidate)));
    this.semantic.setOverlay(file, version, text);
    const now = Date.now();
    if (now - this.semanticUsed > PROGRAM_IDLE_MS) this.semantic.disposeIdle(PROGRAM_IDLE_MS);
    this.semanticUsed = now;
    return this.semantic.typeInfoFor(file, text);
  }

  /** Fix-all on a text the user may never apply: it must not become the file's summary. */
  private fixAll(file: string, text: string, input: DocumentInput, rule: string | undefined): string {
    const accept = rule ? (finding: Finding) => finding.rule === rule : undefined;
    const appRoots = appForFile(this.index, file, this.apps)?.appRoots ?? [];
    return fixAll({ ...input, text, crossFile: previewSource(this.index, file, appRoots) }, accept).output;
  }

  private closed(file: string): void {
    this.fs.overlays.delete(file);
    this.semantic?.removeOverlay(file);
    this.index.forget(file);
    this.dependencies.delete(file);
    // The editor's unsaved text is gone: a whole-app result reads the disk again.
    const app = this.checkedAppOf(file);
    if (app) this.scheduler.background(`file:${file}`, () => this.analyseForApp(file, app));
  }

  private discover(): AppInfo[] {
    return discoverApps(this.access.folders, this.fs, this.apps).map((app) => ({ root: app.root, nextVersion: app.nextVersion, nextVersionSource: app.nextVersionSource }));
  }

  private filesChanged(changes: readonly { file: string; type: 'created' | 'changed' | 'deleted' }[]): void {
    const scopeInputs = this.scopeInputs();
    let projectChanged = false;
    let added = false;
    const touched: string[] = [];
    for (const { file, type } of changes) {
      this.fs.forget(file);
      if (this.fs.overlays.has(file)) continue;
      if (PROJECT_FILES.test(file)) projectChanged = true;
      else {
        this.index.forget(file);
        touched.push(file);
      }
      if (type !== 'changed') added = true;
      if (type === 'deleted') this.fileDeleted(file);
    }
    if (projectChanged) {
      // Which app a file is in, its version and its settings may all differ: start the apps over.
      this.apps.clear();
      this.fs.forgetAll();
      this.index.forgetAll();
      this.dependencies.clear();
      const apps = [...this.checked.values()];
      this.checked.clear();
      if (apps.length > 0) this.startCheck(-1, apps.map(({ root, settings, publish }) => ({ root, settings, publish })));
      this.send({ kind: 'revalidate', files: [...this.fs.overlays.keys()] });
      return;
    }
    if (added) this.index.forgetResolution();
    for (const file of touched) this.summaryChanged(file, added);
    if (added || touched.some((file) => scopeInputs.has(file) || isRouteFile(file))) this.servedScopesMayHaveChanged();
    for (const file of touched) {
      const app = this.checkedAppOf(file);
      if (app && this.fs.fileExists(file)) this.scheduler.background(`file:${file}`, () => this.analyseForApp(file, app));
    }
  }

  private fileDeleted(file: string): void {
    for (const app of this.checked.values()) {
      if (!app.problems.delete(file)) continue;
      app.total--;
      app.done--;
      if (app.publish) this.send({ kind: 'fileFindings', check: app.run.id, file, findings: null });
      this.sendStatus(app);
    }
    this.dependencies.delete(file);
  }

  /**
   * A module's summary changed (an edit, a file on disk): the open documents that read it are
   * analysed again by the protocol thread, the whole-app results that read it here. After files
   * were added, results with an import that did not resolve are redone too.
   */
  private summaryChanged(file: string, added = false): void {
    const open: string[] = [];
    for (const [dependent, dependencies] of this.dependencies) {
      if (dependent === file || !(dependencies.modules.has(file) || (added && dependencies.unresolved))) continue;
      if (this.fs.overlays.has(dependent)) open.push(dependent);
      else {
        const app = this.checkedAppOf(dependent);
        if (app) this.scheduler.background(`file:${dependent}`, () => this.analyseForApp(dependent, app));
      }
    }
    if (open.length > 0) this.send({ kind: 'revalidate', files: open });
  }

  private startCheck(id: number, apps: readonly { root: string; settings: AppSettings; publish: boolean }[]): void {
    const checkedApps = apps.map(({ root, settings, publish }) => {
      const previous = this.checked.get(root);
      if (previous) previous.run.cancelled = true;
      const app: CheckedApp = { root, settings, publish, run: { id, cancelled: false }, problems: new Map(), listed: false, total: 0, done: 0 };
      this.checked.set(root, app);
      return app;
    });
    const steps = this.checkSteps(checkedApps);
    this.scheduler.job(
      () => steps.next().done === true,
      () => {
        for (const app of checkedApps) for (const [file, pendingApp] of this.pending) if (pendingApp === app) this.pending.delete(file);
        const result: CheckResult = { apps: checkedApps.map((app) => ({ root: app.root, files: app.done, problems: sum(app.problems) })), cancelled: checkedApps.some((app) => app.run.cancelled) };
        if (id >= 0) this.send({ kind: 'reply', id, result });
      },
    );
  }

  /** A cancelled check publishes nothing more; its apps leave the whole-app view until checked again. */
  private cancelCheck(id: number): void {
    for (const [root, app] of this.checked) {
      if (app.run.id !== id) continue;
      app.run.cancelled = true;
      app.publish = false;
      this.checked.delete(root);
    }
  }

  /** One file per step, so the editor's requests never wait behind a whole app. */
  private *checkSteps(apps: readonly CheckedApp[]): Generator<void> {
    for (const app of apps) {
      if (app.run.cancelled) continue;
      const listed = listSourceFiles([app.root], app.root).files.filter((file) => this.appOf(file)?.root === app.root);
      // Route files first: the routers they serve are then found from summaries this check already made.
      const files = [...listed.filter(isRouteFile), ...listed.filter((file) => !isRouteFile(file))];
      app.total = files.length;
      app.listed = true;
      for (const file of files) this.pending.set(file, app);
      this.sendStatus(app);
      let lastStatus = Date.now();
      for (const file of files) {
        if (app.run.cancelled) break;
        if (this.pending.get(file) === app) this.analyseForApp(file, app);
        if (Date.now() - lastStatus > 200) {
          lastStatus = Date.now();
          this.sendStatus(app);
        }
        yield;
      }
      // Files of packages without `next` whose routers this app serves belong to its view too.
      const outside = app.run.cancelled ? [] : filesServedBy(this.index, app.root).filter((file) => !this.appOf(file) && this.fs.fileExists(file));
      app.total += outside.length;
      for (const file of outside) {
        if (app.run.cancelled) break;
        this.analyseForApp(file, app);
        app.done++;
        yield;
      }
      this.sendStatus(app);
    }
  }

  /** A file of an app, analysed as the whole-app view sees it (an open document with its editor text). */
  private analyseForApp(file: string, app: CheckedApp): void {
    // Counted as done once its findings are counted: a nested analysis (a file this one needs) ends first.
    const counts = this.pending.get(file) === app;
    if (counts) this.pending.delete(file);
    const findings = this.findingsForApp(file, app);
    if (counts) app.done++;
    this.countProblems(app, file, findings?.length ?? 0);
    // An open document's diagnostics belong to the protocol thread, which has its version.
    if (app.publish && !this.fs.overlays.has(file)) this.send({ kind: 'fileFindings', check: app.run.id, file, findings: findings ? placed(findings.text, findings.found) : [] });
  }

  /** What the whole-app view shows for a file; undefined when it is not analysed (not in the app, unreadable, disabled). */
  private findingsForApp(file: string, app: CheckedApp): { text: string; found: Finding[]; length: number } | undefined {
    const served = appForFile(this.index, file, this.apps);
    const text = this.fs.readFile(file);
    if (!served || text === undefined || !app.settings.enable) return undefined;
    const { app: nextApp, appRoots } = served;
    const { settings: packageSettings } = normaliseSettings(nextApp.packageSettings);
    const input: AnalysisInput = {
      text,
      appRelativePath: appRelativePath(nextApp, file),
      nextVersion: nextApp.nextVersion,
      cronPaths: nextApp.cronPaths,
      settings: mergeSettings(packageSettings, app.settings.engine),
      crossFile: crossFileSource(this.index, file, appRoots),
    };
    const { value: result, dependencies } = this.index.track(() => analyzeFile(input));
    this.dependencies.set(file, dependencies);
    for (const failure of result.ruleFailures) {
      this.send({ kind: 'log', level: 'error', message: `next-after-lint: rule ${failure.rule} failed on ${file} and was skipped; the other rules still ran.\n${failure.error}` });
    }
    const found = result.syntaxErrors.length > 0 || result.skipped ? [] : result.findings;
    return { text, found, length: found.length };
  }

  private countProblems(app: CheckedApp, file: string, count: number): void {
    const before = app.problems.get(file);
    app.problems.set(file, count);
    if (before !== count && isIndexed(app)) this.sendStatus(app);
  }

  private sendStatus(app: CheckedApp): void {
    const info = this.apps.get(app.root) ?? findNextApp(path.join(app.root, 'package.json'), (file) => this.fs.readFile(file), this.apps);
    const status: AppStatus = { root: app.root, state: isIndexed(app) ? 'ready' : 'indexing', done: app.done, total: app.total, problems: sum(app.problems), nextVersion: info?.nextVersion };
    this.send({ kind: 'status', status });
  }

  private appOf(file: string): NextApp | undefined {
    return findNextApp(file, (candidate) => this.fs.readFile(candidate), this.apps);
  }

  /** The checked app a file is part of (a check only takes the files that belong to its app). */
  private checkedAppOf(file: string): CheckedApp | undefined {
    const root = this.appOf(file)?.root ?? appForFile(this.index, file, this.apps)?.app.root;
    return root === undefined ? undefined : this.checked.get(root);
  }
}

function isRouteFile(file: string): boolean {
  return /[\\/]route\.(ts|tsx|js|jsx)$/.test(file);
}

function isIndexed(app: CheckedApp): boolean {
  return app.listed && app.done >= app.total;
}

function sum(counts: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const count of counts.values()) total += count;
  return total;
}

/** Offsets to 0-based lines and characters, for diagnostics of files the editor has not opened. */
function placed(text: string, findings: readonly Finding[]): PlacedFinding[] {
  if (findings.length === 0) return [];
  const lines = new LineMap(text);
  const at = (offset: number) => {
    const { line, column } = lines.position(offset);
    return { line: line - 1, character: column - 1 };
  };
  return findings.map((finding) => ({ rule: finding.rule, severity: finding.severity, message: finding.message, range: { start: at(finding.start), end: at(finding.end) } }));
}
