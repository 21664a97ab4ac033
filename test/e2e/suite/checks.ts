import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'next-after-lint.next-after-lint';

export function workspaceUri(path: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, path);
}

/** Resolves when `check` returns a value, re-checked on each diagnostics change and every 250 ms, until the deadline. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const subscription = vscode.languages.onDidChangeDiagnostics(() => done());
      const timer = setTimeout(() => done(), 250);
      function done(): void {
        subscription.dispose();
        clearTimeout(timer);
        resolve();
      }
    });
  }
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'next-after-lint');
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

/** `[startLine, startCharacter, endLine, endCharacter]`, zero-based, for one-line assertions. */
export function rangeOf(diagnostic: vscode.Diagnostic): number[] {
  const { start, end } = diagnostic.range;
  return [start.line, start.character, end.line, end.character];
}

/** A widget of the workbench, found by CSS selector, showing `text` and none of `without`. */
export interface Widget {
  selector: string;
  text: string;
  /** Placeholders of a widget still filling in, e.g. "Checking for quick fixes". */
  without?: string[];
}

/**
 * Asks the host driving the browser to wait until every widget is visible as described, then to take
 * a screenshot named `name`; fails when one never appears. Without a host that takes screenshots
 * (desktop VS Code through @vscode/test-electron) it returns false and checks nothing.
 */
export async function showsOnScreen(name: string, ...widgets: Widget[]): Promise<boolean> {
  const ackDir = process.env.NEXT_AFTER_LINT_E2E_ACK_DIR;
  if (!ackDir) return false;
  console.log(`SCREENSHOT ${name} ${JSON.stringify(widgets)}`);
  const ack = join(ackDir, name);
  const deadline = Date.now() + 60000;
  while (!existsSync(ack)) {
    if (Date.now() > deadline) throw new Error(`the host did not answer the "${name}" screenshot request`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const outcome = readFileSync(ack, 'utf8');
  if (outcome !== 'ok') throw new Error(`"${name}" is not on screen: ${outcome}`);
  return true;
}

/**
 * Process ids of the language servers this extension host runs (its children started from
 * `server/out/server.js`), read from /proc; undefined where there is no /proc.
 */
export function languageServerPids(): number[] | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The parent pid is the second field after the parenthesised command name.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      if (/server[\\/]out[\\/]server\.js/.test(readFileSync(`/proc/${name}/cmdline`, 'utf8'))) pids.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}
