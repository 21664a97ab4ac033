import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import type { TypeInfo } from './typeFacts';

/** How the host reads the disk: the caller decides which paths are allowed. Text only, never code. */
export interface SemanticFileSystem {
  readFile(filePath: string): string | undefined;
  fileExists(filePath: string): boolean;
  readDirectory(root: string, extensions: readonly string[], excludes: readonly string[] | undefined, includes: readonly string[], depth?: number): string[];
  modifiedTime(filePath: string): number | undefined;
}

interface Overlay {
  version: number;
  text: string;
}

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
const DISK_VERSION_TTL_MS = 1000;
const DEFAULT_OPTIONS: ts.CompilerOptions = { allowJs: true, jsx: ts.JsxEmit.Preserve, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, strict: true };

/** One language service: a tsconfig/jsconfig project, or the inferred project of files without one. */
class Project {
  readonly service: ts.LanguageService;
  lastUsed = Date.now();
  private fileNames: Set<string>;

  constructor(readonly configPath: string | undefined, private readonly options: ts.CompilerOptions, fileNames: string[], private readonly host: ProjectHost) {
    this.fileNames = new Set(fileNames.map((name) => path.resolve(name)));
    const serviceHost: ts.LanguageServiceHost = {
      getCompilationSettings: () => ({ ...this.options, noEmit: true, skipLibCheck: true }),
      getScriptFileNames: () => [...this.fileNames],
      getScriptVersion: (fileName) => this.host.versionOf(fileName),
      getScriptSnapshot: (fileName) => {
        const text = this.host.textOf(fileName);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => (configPath ? path.dirname(configPath) : process.cwd()),
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      fileExists: (fileName) => this.host.exists(fileName),
      readFile: (fileName) => this.host.textOf(fileName),
      readDirectory: (root, extensions, excludes, includes, depth) => this.host.fs.readDirectory(root, extensions ?? [], excludes, includes ?? [], depth),
      directoryExists: () => true,
      useCaseSensitiveFileNames: () => true,
    };
    this.service = ts.createLanguageService(serviceHost, ts.createDocumentRegistry(true));
  }

  include(fileName: string): void {
    this.fileNames.add(path.resolve(fileName));
  }
}

/**
 * Language services for the projects of the analysed files, created lazily, fed from open editor
 * buffers (overlays) and the disk, updated incrementally through script versions, disposed when idle.
 * Works without `node_modules`: unresolved imports simply have no types.
 */
export class ProjectHost {
  private readonly projects = new Map<string, Project>();
  private readonly overlays = new Map<string, Overlay>();
  private readonly diskVersions = new Map<string, { version: string; checkedAt: number }>();

  constructor(readonly fs: SemanticFileSystem) {}

  setOverlay(fileName: string, version: number, text: string): void {
    this.overlays.set(path.resolve(fileName), { version, text });
  }

  removeOverlay(fileName: string): void {
    this.overlays.delete(path.resolve(fileName));
  }

  versionOf(fileName: string): string {
    const overlay = this.overlays.get(path.resolve(fileName));
    if (overlay) return `o${overlay.version}`;
    // Every program update asks for every file's version: re-stat a disk file at most once a second.
    const now = Date.now();
    const known = this.diskVersions.get(fileName);
    if (known && now - known.checkedAt < DISK_VERSION_TTL_MS) return known.version;
    const version = `d${this.fs.modifiedTime(fileName) ?? 0}`;
    this.diskVersions.set(fileName, { version, checkedAt: now });
    return version;
  }

  textOf(fileName: string): string | undefined {
    return this.overlays.get(path.resolve(fileName))?.text ?? this.fs.readFile(fileName);
  }

  exists(fileName: string): boolean {
    return this.overlays.has(path.resolve(fileName)) || this.fs.fileExists(fileName);
  }

  /** The program holding `fileName` with its current text, or undefined when the text differs from `expectedText`. */
  typeInfoFor(fileName: string, expectedText?: string): TypeInfo | undefined {
    const project = this.projectFor(fileName);
    project.lastUsed = Date.now();
    project.include(fileName);
    const program = project.service.getProgram();
    const sourceFile = program?.getSourceFile(path.resolve(fileName));
    if (!program || !sourceFile || (expectedText !== undefined && sourceFile.text !== expectedText)) return undefined;
    program.getTypeChecker();
    return { program, sourceFile };
  }

  /** Drops projects not used for `idleMs`; returns how many were disposed. */
  disposeIdle(idleMs: number): number {
    let disposed = 0;
    for (const [key, project] of this.projects) {
      if (Date.now() - project.lastUsed < idleMs) continue;
      project.service.dispose();
      this.projects.delete(key);
      disposed++;
    }
    return disposed;
  }

  dispose(): void {
    this.disposeIdle(-1);
  }

  get projectCount(): number {
    return this.projects.size;
  }

  private projectFor(fileName: string): Project {
    const configPath = this.findConfig(path.dirname(path.resolve(fileName)));
    const key = configPath ?? `inferred:${path.dirname(path.resolve(fileName))}`;
    let project = this.projects.get(key);
    if (!project) {
      project = configPath ? this.createConfiguredProject(configPath) : new Project(undefined, DEFAULT_OPTIONS, [fileName], this);
      this.projects.set(key, project);
    }
    return project;
  }

  private findConfig(dir: string): string | undefined {
    for (let current = dir; ; current = path.dirname(current)) {
      for (const name of CONFIG_NAMES) {
        const candidate = path.join(current, name);
        if (this.fs.fileExists(candidate)) return candidate;
      }
      if (path.dirname(current) === current) return undefined;
    }
  }

  private createConfiguredProject(configPath: string): Project {
    const read = ts.readConfigFile(configPath, (file) => this.fs.readFile(file));
    const parseHost: ts.ParseConfigHost = {
      useCaseSensitiveFileNames: true,
      readDirectory: (root, extensions, excludes, includes, depth) => this.fs.readDirectory(root, extensions, excludes, includes, depth),
      fileExists: (file) => this.fs.fileExists(file),
      readFile: (file) => this.fs.readFile(file),
    };
    // A broken or unreadable config still gives a project: its folder's files with default options.
    const parsed = ts.parseJsonConfigFileContent(read.config ?? {}, parseHost, path.dirname(configPath), { allowJs: true }, configPath);
    const options = { ...DEFAULT_OPTIONS, ...parsed.options };
    return new Project(configPath, options, parsed.fileNames, this);
  }
}

/** The disk as the CLI sees it: every path may be read (the user named them). */
export function diskFileSystem(allowed: (filePath: string) => boolean = () => true): SemanticFileSystem {
  return {
    readFile: (file) => {
      if (!allowed(file)) return undefined;
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    fileExists: (file) => allowed(file) && fs.existsSync(file) && fs.statSync(file).isFile(),
    readDirectory: (root, extensions, excludes, includes, depth) =>
      allowed(root) ? ts.sys.readDirectory(root, extensions, excludes, includes, depth).filter((file) => !file.includes('/node_modules/')) : [],
    modifiedTime: (file) => {
      try {
        return fs.statSync(file).mtimeMs;
      } catch {
        return undefined;
      }
    },
  };
}

/** Where the bundled TypeScript finds its lib.*.d.ts files (beside the bundle once built). */
export function typeScriptLibFolder(): string {
  return path.dirname(ts.getDefaultLibFilePath({}));
}
