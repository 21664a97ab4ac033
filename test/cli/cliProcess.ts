import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const DEMO_APP = join(ROOT, 'test', 'fixtures', 'demo-app');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A scratch copy of a fixture, so tests may break or fix its files. */
export function copyOf(fixture: string): string {
  const target = mkdtempSync(join(tmpdir(), 'nal-cli-'));
  cpSync(fixture, target, { recursive: true });
  return target;
}
