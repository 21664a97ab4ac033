import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
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

/** Asks the host (the page driving the browser) for a screenshot and waits for it to be taken. */
export async function screenshot(name: string): Promise<void> {
  const ackDir = process.env.NEXT_AFTER_LINT_E2E_ACK_DIR;
  if (!ackDir) return;
  console.log(`SCREENSHOT ${name}`);
  const deadline = Date.now() + 20000;
  while (!existsSync(join(ackDir, name))) {
    if (Date.now() > deadline) throw new Error(`the host did not take the "${name}" screenshot`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
