import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { ModuleSummary } from '../analysis/project/summary';
import { contentHash } from './hash';
import type { EngineResult, FileOutcome, RuleInfo } from './protocol';

/** What the cache keeps of one file: how to tell it is unchanged, its summary and its outcome. */
interface CacheEntry {
  hash: string;
  size: number;
  mtimeMs: number;
  summary?: ModuleSummary;
  outcome?: FileOutcome;
}

interface CacheData {
  /** The tool's build: summaries and outcomes of another build are not trusted. */
  build: string;
  /** Settings, cwd and mode: outcomes made under another key are not reused (summaries are). */
  outcomeKey: string;
  /** Project files read (package.json, tsconfig, pnpm-workspace.yaml...) and their hashes; null = missing. */
  projectFiles: Record<string, string | null>;
  messages: string[];
  rules: Record<string, RuleInfo>;
  files: Record<string, CacheEntry>;
}

/** Which files of a run need the engine, and what the cache already knows. */
export interface CachePlan {
  analyse: string[];
  reuse: Record<string, FileOutcome>;
  knownSummaries: Record<string, ModuleSummary>;
}

interface Stat {
  size: number;
  mtimeMs: number;
}

/**
 * The `--cache` file, like ESLint's: per file a content hash, its summary and its findings. A file
 * is analysed again when its text changed, when a module its analysis consulted changed or went
 * away, when a project import of it did not resolve and files were added, or when a project file
 * (package.json, tsconfig...) changed; everything else is reused without reading TypeScript at all.
 */
export class RunCache {
  private readonly stats = new Map<string, Stat | null>();
  private readonly hashes = new Map<string, string | null>();
  private data: CacheData;

  constructor(
    private readonly path: string,
    private readonly build: string,
    private readonly outcomeKey: string,
  ) {
    this.data = this.load() ?? { build, outcomeKey, projectFiles: {}, messages: [], rules: {}, files: {} };
  }

  plan(files: readonly string[], fix: boolean): CachePlan {
    const { data } = this;
    const outcomesValid = data.outcomeKey === this.outcomeKey && Object.entries(data.projectFiles).every(([file, hash]) => this.hashOf(file) === hash);
    const knownSummaries: Record<string, ModuleSummary> = {};
    const unchanged = (file: string): boolean => {
      const entry = data.files[file];
      return entry !== undefined && this.hashOf(file, entry) === entry.hash;
    };
    for (const [file, entry] of Object.entries(data.files)) if (entry.summary && unchanged(file)) knownSummaries[file] = entry.summary;
    const added = files.some((file) => !data.files[file]?.outcome);
    // A file gone since (a route removed) may change what the routes say of any file: those they said something of are redone.
    const listed = new Set(files);
    const removed = Object.entries(data.files).some(([file, entry]) => entry.outcome && !listed.has(file));
    const reuse: Record<string, FileOutcome> = {};
    const analyse: string[] = [];
    for (const file of files) {
      const outcome = outcomesValid ? data.files[file]?.outcome : undefined;
      const fresh =
        outcome !== undefined &&
        unchanged(file) &&
        !(fix && outcome.findings.some((finding) => finding.fixable)) &&
        !(added && outcome.unresolved) &&
        !(removed && outcome.servedScopes) &&
        (outcome.dependencies ?? []).every((dependency) => data.files[dependency] === undefined ? this.statOf(dependency) === null : unchanged(dependency));
      if (fresh) reuse[file] = outcome;
      else analyse.push(file);
    }
    return { analyse, reuse, knownSummaries };
  }

  /**
   * The reused files and what the routes said of each: after files changed, a run checks that the
   * routes still say the same (an edit to a router may serve a file nobody edited).
   */
  servedScopesOf(files: readonly string[]): Record<string, string> {
    const recheck: Record<string, string> = {};
    for (const file of files) recheck[file] = this.data.files[file]?.outcome?.servedScopes ?? '';
    return recheck;
  }

  /** What the engine found this run, then the whole cache written back. */
  save(result: EngineResult | undefined): void {
    const { data } = this;
    data.build = this.build;
    if (result) {
      data.outcomeKey = this.outcomeKey;
      data.projectFiles = { ...data.projectFiles, ...result.projectFiles };
      data.messages = result.messages;
      data.rules = result.rules;
      for (const [file, { hash, summary }] of Object.entries(result.summaries)) this.put(file, hash, { summary });
      for (const [file, outcome] of Object.entries(result.outcomes)) {
        if (outcome.hash === undefined) continue;
        const { fixed: _fixed, ...kept } = outcome;
        this.put(file, outcome.hash, { outcome: kept });
      }
    }
    try {
      writeFileSync(this.path, JSON.stringify(data));
    } catch (error) {
      throw new Error(`the cache ${this.path} cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }

  get messages(): string[] {
    return this.data.messages;
  }

  get rules(): Record<string, RuleInfo> {
    return this.data.rules;
  }

  private put(file: string, hash: string, parts: Partial<CacheEntry>): void {
    // The stat is taken again: a file written by --fix has a new one.
    this.stats.delete(file);
    const stat = this.statOf(file);
    if (!stat) return;
    const previous = this.data.files[file];
    const kept = previous && previous.hash === hash ? previous : {};
    this.data.files[file] = { ...kept, ...parts, hash, size: stat.size, mtimeMs: stat.mtimeMs };
  }

  private load(): CacheData | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const data = JSON.parse(text) as CacheData;
      // Another build may summarise differently: start over rather than trust it.
      return data.build === this.build && data.files && typeof data.files === 'object' ? data : undefined;
    } catch {
      return undefined;
    }
  }

  private statOf(file: string): Stat | null {
    let stat = this.stats.get(file);
    if (stat === undefined) {
      try {
        const found = statSync(file);
        stat = found.isFile() ? { size: found.size, mtimeMs: found.mtimeMs } : null;
      } catch {
        stat = null;
      }
      this.stats.set(file, stat);
    }
    return stat;
  }

  /** The file's content hash now: from the cache when size and time match (as ESLint does), else read. */
  private hashOf(file: string, entry?: CacheEntry): string | null {
    const known = this.hashes.get(file);
    if (known !== undefined) return known;
    const stat = this.statOf(file);
    let hash: string | null = null;
    if (stat && entry && entry.size === stat.size && entry.mtimeMs === stat.mtimeMs) hash = entry.hash;
    else if (stat) {
      try {
        hash = contentHash(readFileSync(file, 'utf8'));
      } catch {
        hash = null;
      }
    }
    this.hashes.set(file, hash);
    return hash;
  }
}
