import * as path from 'node:path';
import ts from 'typescript';
import type { ResolutionHost } from './resolutionHost';

/** The options that decide how a folder's imports resolve, and a key for caches built on them. */
export interface FolderOptions {
  key: string;
  options: ts.CompilerOptions;
}

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

/**
 * Resolution as Next.js does it when a project says nothing: bundler resolution, JavaScript files
 * included. A tsconfig's `moduleResolution: classic` (or none) would not look into packages at all.
 */
const DEFAULTS: ts.CompilerOptions = { allowJs: true, jsx: ts.JsxEmit.Preserve, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };

/**
 * The compiler options of the nearest tsconfig.json/jsconfig.json above a file, `extends` followed
 * (also into workspace packages such as `@acme/tsconfig/nextjs.json`) by TypeScript's own parser
 * over text reads; the files a config includes are never listed.
 */
export class CompilerOptionsFinder {
  private readonly byDir = new Map<string, FolderOptions>();
  private readonly byConfig = new Map<string, FolderOptions>();
  private readonly parseHost: ts.ParseConfigHost;

  constructor(private readonly host: ResolutionHost) {
    this.parseHost = {
      useCaseSensitiveFileNames: true,
      readDirectory: () => [],
      fileExists: host.fileExists,
      readFile: host.readFile,
      directoryExists: host.directoryExists,
      realpath: host.realpath,
    } as ts.ParseConfigHost;
  }

  optionsFor(filePath: string): FolderOptions {
    const dir = path.dirname(path.resolve(filePath));
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    const configPath = this.configAbove(dir);
    const found = configPath ? this.parse(configPath) : { key: '<defaults>', options: DEFAULTS };
    this.byDir.set(dir, found);
    return found;
  }

  forgetAll(): void {
    this.byDir.clear();
    this.byConfig.clear();
  }

  private configAbove(dir: string): string | undefined {
    for (let current = dir; ; current = path.dirname(current)) {
      const known = this.byDir.get(current);
      if (known) return known.key === '<defaults>' ? undefined : known.key;
      for (const name of CONFIG_NAMES) {
        const candidate = path.join(current, name);
        if (this.host.fileExists(candidate)) return candidate;
      }
      if (path.dirname(current) === current) return undefined;
    }
  }

  private parse(configPath: string): FolderOptions {
    const cached = this.byConfig.get(configPath);
    if (cached) return cached;
    const text = this.host.readFile(configPath) ?? '{}';
    const json = ts.parseConfigFileTextToJson(configPath, text).config ?? {};
    // A broken config still gives options: TypeScript reports and skips what it cannot read.
    const parsed = ts.parseJsonConfigFileContent(json, this.parseHost, path.dirname(configPath), undefined, configPath);
    const options: ts.CompilerOptions = { ...DEFAULTS, ...parsed.options, allowJs: true };
    const resolution = options.moduleResolution;
    if (resolution === undefined || resolution === ts.ModuleResolutionKind.Classic) options.moduleResolution = ts.ModuleResolutionKind.Bundler;
    if (options.moduleResolution === ts.ModuleResolutionKind.Bundler && !isBundlerCompatible(options.module)) options.module = ts.ModuleKind.ESNext;
    const found = { key: configPath, options };
    this.byConfig.set(configPath, found);
    return found;
  }
}

/** Bundler resolution needs an ES module target; old `commonjs` configs still resolve like a bundler. */
function isBundlerCompatible(module: ts.ModuleKind | undefined): boolean {
  return module !== undefined && ((module >= ts.ModuleKind.ES2015 && module <= ts.ModuleKind.ESNext) || module === ts.ModuleKind.Preserve);
}
