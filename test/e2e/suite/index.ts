import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { codeOf, EXTENSION_ID, languageServerPids, ours, rangeOf, showsOnScreen, waitFor, workspaceUri, type Widget } from './checks';

type Check = [name: string, run: () => Promise<void>];

/** The entry point both hosts call (code-server and @vscode/test-electron): runs the checks in order. */
export async function run(): Promise<void> {
  const mode = process.env.NEXT_AFTER_LINT_E2E_MODE ?? 'full';
  const checks = mode === 'vsix' ? installedChecks() : fullChecks();
  for (const [name, check] of checks) {
    const started = Date.now();
    try {
      await check();
      console.log(`E2E ok   ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      console.log(`E2E FAIL ${name}: ${error instanceof Error ? error.stack : String(error)}`);
      throw error;
    }
  }
  console.log(`E2E done: ${checks.length} checks passed`);
}

const PAGE = 'app/page.tsx';
const ROUTE = 'app/api/track/route.ts';
/** Never opened: Check Whole App brings its problem to the Problems panel. */
const UNOPENED = 'app/api/audit/route.ts';

/** The status bar item's text, as the extension reports it (its exported API). */
function statusText(): string | undefined {
  return (vscode.extensions.getExtension(EXTENSION_ID)?.exports as { statusText?: () => string | undefined } | undefined)?.statusText?.();
}

async function openAndWait(path: string, code: string): Promise<vscode.Diagnostic[]> {
  const uri = workspaceUri(path);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return waitFor(`${code} on ${path}`, () => {
    const diagnostics = ours(uri);
    return diagnostics.some((d) => codeOf(d) === code) ? diagnostics : undefined;
  });
}

/** The packaged extension, installed from the .vsix: it activates and reports. */
function installedChecks(): Check[] {
  return [
    ['the installed extension (not a development folder) activates', async () => {
      await vscode.workspace.openTextDocument(workspaceUri(PAGE));
      const extension = await waitFor('the extension', () => vscode.extensions.getExtension(EXTENSION_ID));
      await waitFor('activation', () => (extension.isActive ? true : undefined));
      assert.match(extension.extensionPath, /extensions[\/]next-after-lint\.next-after-lint-/, 'the copy installed from the .vsix');
      console.log(`E2E extension path: ${extension.extensionPath}`);
    }],
    ['it reports request-api-in-after on the Server Component', async () => {
      const [diagnostic] = (await openAndWait(PAGE, 'request-api-in-after')).filter((d) => codeOf(d) === 'request-api-in-after');
      assert.deepEqual(rangeOf(diagnostic!), [5, 29, 5, 38]);
      const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
      for (const pid of languageServerPids() ?? []) {
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        assert.ok(command.some((part) => part.startsWith(extensionPath)), `the language server runs from the installed copy: ${command.join(' ')}`);
      }
    }],
  ];
}

/**
 * VS Code's own TypeScript hover says "(loading...)" while its project loads, and a hover shown then
 * keeps it: wait until TypeScript answers a hover at `position` in full before showing one on screen.
 */
async function typeScriptReady(uri: vscode.Uri, position: vscode.Position): Promise<void> {
  await waitFor('TypeScript to finish loading the project', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    return text.includes('(loading...)') ? undefined : true;
  }, 60000);
}

/** The hover of a diagnostic once complete: its message, and no "Checking for quick fixes..." or "(loading...)" left. */
function messageHover(diagnostic: vscode.Diagnostic): Widget {
  return { selector: '.monaco-hover', text: diagnostic.message.slice(0, 60), without: ['Checking for quick fixes', 'loading...'] };
}

function fullChecks(): Check[] {
  return [
    ['the extension activates on a TypeScript file', async () => {
      await vscode.workspace.openTextDocument(workspaceUri(PAGE));
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is installed`);
      await waitFor('activation', () => (extension.isActive ? true : undefined));
    }],
    ['Server Component: request-api-in-after, error, on headers()', async () => {
      const diagnostics = await openAndWait(PAGE, 'request-api-in-after');
      assert.deepEqual(diagnostics.map(codeOf), ['request-api-in-after']);
      const [diagnostic] = diagnostics;
      assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
      assert.deepEqual(rangeOf(diagnostic!), [5, 29, 5, 38]);
      const code = diagnostic!.code as { value: string; target: vscode.Uri };
      assert.match(code.target.toString(), /docs\/rules\/request-api-in-after\.md$/);
    }],
    ['Route Handler: blocking-side-effect, warning, on await logUserAction(...)', async () => {
      const diagnostics = await openAndWait(ROUTE, 'blocking-side-effect');
      assert.deepEqual(diagnostics.map(codeOf), ['blocking-side-effect']);
      const [diagnostic] = diagnostics;
      assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Warning);
      assert.deepEqual(rangeOf(diagnostic!), [10, 2, 10, 57]);
    }],
    ['hovering the squiggle shows its message on screen (screenshot)', async () => {
      const uri = workspaceUri(PAGE);
      const editor = await vscode.window.showTextDocument(uri);
      const [diagnostic] = ours(uri);
      assert.ok(diagnostic, 'the request-api-in-after diagnostic is still there');
      await typeScriptReady(uri, diagnostic.range.start);
      editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
      await vscode.commands.executeCommand('editor.action.showHover');
      await showsOnScreen('hover', messageHover(diagnostic));
    }],
    ['hover over after() explains where the callback runs', async () => {
      const uri = workspaceUri(PAGE);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(4, 3));
      const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
      assert.match(text, /Server Component/);
      assert.match(text, /may \*\*not\*\* be called inside/);
    }],
    ['the quick-fix hoists the read and the diagnostic goes (screenshot of the menu)', async () => {
      const uri = workspaceUri(PAGE);
      const editor = await vscode.window.showTextDocument(uri);
      const [diagnostic] = ours(uri);
      await typeScriptReady(uri, diagnostic!.range.start);
      editor.selection = new vscode.Selection(diagnostic!.range.start, diagnostic!.range.start);
      await vscode.commands.executeCommand('editor.action.quickFix');
      await showsOnScreen('quick-fix', { selector: '.action-widget', text: 'Read headers() before after()' }, messageHover(diagnostic!));
      await vscode.commands.executeCommand('hideCodeActionWidget');
      // The provider is asked until it answers with the fix (a poll with a deadline: the menu above
      // may still hold the editor's own request).
      let offered: string[] = [];
      const fix = await waitFor('the hoist quick-fix', async () => {
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value);
        offered = actions.map((action) => action.title);
        return actions.find((action) => action.title.startsWith('Read headers() before after()') && action.edit);
      }, 10000).catch((error: Error) => {
        throw new Error(`${error.message}; offered: ${offered.join(' | ') || 'nothing'}; diagnostic data: ${JSON.stringify((ours(uri)[0] as { data?: unknown } | undefined)?.data)}`);
      });
      assert.ok(fix.edit);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const text = editor.document.getText();
      assert.match(text, /\n {2}const headersList = await headers\(\)\n {2}after\(async \(\) => \{\n {4}const userAgent = headersList\.get\('user-agent'\)/);
      await waitFor('the diagnostic to go', () => (ours(uri).length === 0 ? true : undefined));
    }],
    ['completion offers the after snippet in the Route Handler', async () => {
      const uri = workspaceUri(ROUTE);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(11, 2), undefined, 100);
      const item = list.items.find((candidate) => (typeof candidate.label === 'string' ? candidate.label : candidate.label.label) === 'after' && candidate.kind === vscode.CompletionItemKind.Snippet && candidate.additionalTextEdits?.length);
      assert.ok(item, 'an after snippet with an import edit');
      assert.match((item.insertText as vscode.SnippetString).value, /^after\(async \(\) => \{/);
      assert.equal(item.additionalTextEdits![0]!.newText, "\nimport { after } from 'next/server'");
    }],
    ['turning blocking-side-effect off in settings removes its diagnostic, turning it back restores it', async () => {
      const uri = workspaceUri(ROUTE);
      const config = vscode.workspace.getConfiguration('nextAfterLint');
      await config.update('rules', { 'blocking-side-effect': 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitFor('the diagnostic to go', () => (ours(uri).length === 0 ? true : undefined));
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor('the diagnostic to return', () => (ours(uri).length === 1 ? true : undefined));
    }],
    ['the status bar item shows the app and its number of problems, and follows a file added on disk', async () => {
      const first = await waitFor('the status bar item', () => {
        const text = statusText();
        return text && /after\(\)(: \d+)?$/.test(text) && !text.includes('indexing') ? text : undefined;
      });
      await showsOnScreen('status-bar', { selector: '.statusbar-item', text: first.replace(/^\$\([^)]+\) /, '') });
      const before = Number(/: (\d+)$/.exec(first)?.[1] ?? 0);
      const added = workspaceUri('app/api/added/route.ts').fsPath;
      mkdirSync(dirname(added), { recursive: true });
      writeFileSync(added, readFileSync(workspaceUri(UNOPENED).fsPath, 'utf8'));
      await waitFor(`the status to count ${before + 1} problems`, () => (statusText()?.endsWith(`after(): ${before + 1}`) ? true : undefined)).catch((error: Error) => {
        throw new Error(`${error.message}; the status says "${statusText()}"`);
      });
    }],
    ['Check Whole App fills the Problems panel with a file never opened; a change on disk updates it (screenshot)', async () => {
      const uri = workspaceUri(UNOPENED);
      // Nothing open: what the Problems panel then shows comes from the whole-app check.
      await vscode.commands.executeCommand('workbench.action.files.saveAll');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      assert.equal(vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString()), false, 'the file is not open');
      const result = await vscode.commands.executeCommand<{ apps: { files: number; problems: number }[]; cancelled: boolean }>('nextAfterLint.checkWholeApp');
      assert.equal(result.cancelled, false);
      assert.ok(result.apps[0]!.files >= 4, `the whole app was checked: ${JSON.stringify(result)}`);
      const [diagnostic] = await waitFor('the unopened file in the Problems panel', () => {
        const found = ours(uri);
        return found.some((d) => codeOf(d) === 'blocking-side-effect') ? found : undefined;
      });
      assert.deepEqual(rangeOf(diagnostic!), [7, 2, 7, 50]);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await showsOnScreen('problems', { selector: '.markers-panel', text: 'recordAuditEntry' });
      writeFileSync(uri.fsPath, readFileSync(uri.fsPath, 'utf8').replace("  await recordAuditEntry({ id, action: 'delete' })\n", ''));
      await waitFor('the changed file to lose its problem', () => (ours(uri).length === 0 ? true : undefined));
    }],
    ['nextAfterLint.restartServer: a new server process, diagnostics come back', async () => {
      const uri = workspaceUri(ROUTE);
      await vscode.window.showTextDocument(uri);
      const before = languageServerPids();
      if (before) assert.equal(before.length, 1, `one language server runs (pids ${before.join(', ')})`);
      await vscode.commands.executeCommand('nextAfterLint.restartServer');
      if (before) {
        const now = await waitFor('a new language server process in place of the old one', () => {
          const pids = languageServerPids() ?? [];
          return pids.length === 1 && !before.includes(pids[0]!) ? pids : undefined;
        }, 10000);
        console.log(`E2E language server pid ${before[0]} -> ${now[0]}`);
      }
      // Stopping the client disposed its diagnostics: what is there now came from the new server.
      await waitFor('diagnostics after the restart', () => (ours(uri).some((d) => codeOf(d) === 'blocking-side-effect') ? true : undefined));
      await vscode.commands.executeCommand('nextAfterLint.showOutput');
    }],
  ];
}
