import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appRelativePath, findNextApp, mergeSettings, normaliseSettings, type EngineSettings, type NextApp } from '../analysis';
import type { FileAccess } from './fileAccess';

export interface DocumentProject {
  filePath: string;
  appRelativePath: string;
  nextVersion?: string;
  /** The cron paths of the app's vercel.json. */
  cronPaths?: string[];
  /** The app package.json's `nextAfterLint` settings (editor settings are layered over them). */
  packageSettings: EngineSettings;
  packageProblems: string[];
}

/** Which Next.js app a document belongs to, cached per folder until a package.json or vercel.json changes. */
export class ProjectResolver {
  private cache = new Map<string, NextApp | null>();
  /** Files outside every app, and the app whose routes run their functions (null: none), as the analysis worker said. */
  private readonly serving = new Map<string, string | null>();

  constructor(private readonly files: FileAccess) {}

  resolve(uri: string): DocumentProject | undefined {
    const filePath = filePathOf(uri);
    if (!filePath) return undefined;
    this.files.documentOpened(filePath);
    const servingRoot = this.serving.get(filePath);
    const app = findNextApp(filePath, this.files.readTextFile, this.cache) ?? (servingRoot ? findNextApp(path.join(servingRoot, 'package.json'), this.files.readTextFile, this.cache) : undefined);
    if (!app) return undefined;
    const { settings, problems } = normaliseSettings(app.packageSettings, `"nextAfterLint" in ${app.root}/package.json`);
    return { filePath, appRelativePath: appRelativePath(app, filePath), nextVersion: app.nextVersion, cronPaths: app.cronPaths, packageSettings: settings, packageProblems: problems };
  }

  /** Whether the analysis worker was asked which app serves this file (a file outside every app). */
  knowsServing(filePath: string): boolean {
    return this.serving.has(filePath);
  }

  setServing(filePath: string, appRoot: string | undefined): void {
    this.serving.set(filePath, appRoot ?? null);
  }

  /** The routes changed what they say of this file: ask again. */
  forgetServing(filePath: string): void {
    this.serving.delete(filePath);
  }

  /** A package.json, next.config or vercel.json changed: apps may have appeared, gone, or changed version or crons. */
  invalidate(): void {
    this.cache = new Map();
    this.serving.clear();
  }
}

export function layeredSettings(project: DocumentProject, editor: EngineSettings): EngineSettings {
  return mergeSettings(project.packageSettings, editor);
}

/** The file system path of a `file:` URI; undefined for untitled buffers and virtual files. */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
