import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { AppState, CheckWholeAppResult } from '../../server/src/lsp/protocol';
import { StatusItem } from './statusItem';

const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
/** The settings section; as the client's id it also makes the client honour `nextAfterLint.trace.server`. */
const CLIENT_ID = 'nextAfterLint';
const NAME = 'Next.js after() Lint';
let client: LanguageClient | undefined;

/** Starts the language server over IPC; the client knows nothing of the analysis itself. */
/** What the extension exposes to other extensions (and to its e2e suite): what its status bar item says. */
export interface NextAfterLintApi {
  statusText(): string | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<NextAfterLintApi> {
  const outputChannel = vscode.window.createOutputChannel(NAME);
  context.subscriptions.push(outputChannel);
  const module = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Only files on disk: an untitled buffer belongs to no Next.js app.
    documentSelector: LANGUAGES.map((language) => ({ scheme: 'file', language })),
    synchronize: {
      configurationSection: CLIENT_ID,
      fileEvents: [
        // An app's package.json or next.config decides whether a file is analysed and for which Next.js;
        // its vercel.json says which routes are cron jobs; tsconfig and the workspace file how imports resolve.
        vscode.workspace.createFileSystemWatcher('**/{package.json,next.config.{js,mjs,cjs,ts},vercel.json,tsconfig*.json,jsconfig.json,pnpm-workspace.yaml}'),
        // Sources changed outside the editor (a checkout, a generator): the project index and the whole-app view follow.
        vscode.workspace.createFileSystemWatcher('**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts}'),
      ],
    },
    outputChannel,
    // A rule that fails is written to the output once; it must not pop the panel open while the user types.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: { testMode: process.env.NEXT_AFTER_LINT_TEST_MODE === '1' },
  };
  client = new LanguageClient(CLIENT_ID, NAME, serverOptions, clientOptions);
  const status = new StatusItem();
  context.subscriptions.push(status, client.onNotification('nextAfterLint/status', (params: { apps: AppState[] }) => status.update(params.apps)));

  context.subscriptions.push(
    vscode.commands.registerCommand('nextAfterLint.restartServer', async () => {
      outputChannel.appendLine('Restarting the server...');
      await (client?.isRunning() ? client.restart() : client?.start());
    }),
    vscode.commands.registerCommand('nextAfterLint.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand('nextAfterLint.checkWholeApp', () => checkWholeApp(outputChannel)),
  );
  try {
    await client.start();
  } catch (error) {
    // Activation still succeeds, so "Restart Server" and "Show Output" stay available.
    outputChannel.appendLine(`The server did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { statusText: () => status.text };
}

/** Every file of the active editor's app (every app without one) analysed, its problems in the Problems panel. */
async function checkWholeApp(outputChannel: vscode.OutputChannel): Promise<CheckWholeAppResult | undefined> {
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage('The Next.js after() language server is not running: see the output.');
    return undefined;
  }
  const running = client;
  const uri = vscode.window.activeTextEditor?.document.uri;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Next.js after(): checking the whole app', cancellable: true },
    (_progress, token) => running.sendRequest<CheckWholeAppResult>('nextAfterLint/checkWholeApp', { uri: uri?.scheme === 'file' ? uri.toString() : undefined }, token),
  );
  const files = result.apps.reduce((sum, app) => sum + app.files, 0);
  const problems = result.apps.reduce((sum, app) => sum + app.problems, 0);
  const summary = result.cancelled
    ? 'Check Whole App was cancelled.'
    : result.apps.length === 0
      ? 'No Next.js app to check here.'
      : `Checked ${files.toLocaleString('en-US')} files: ${problems.toLocaleString('en-US')} after() problem${problems === 1 ? '' : 's'}.`;
  outputChannel.appendLine(summary);
  void vscode.window.setStatusBarMessage(summary, 5000);
  return result;
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
