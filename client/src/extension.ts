import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
/** The settings section; as the client's id it also makes the client honour `nextAfterLint.trace.server`. */
const CLIENT_ID = 'nextAfterLint';
const NAME = 'Next.js after() Lint';
let client: LanguageClient | undefined;

/** Starts the language server over IPC; the client knows nothing of the analysis itself. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
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
      // An app's package.json or next.config decides whether a file is analysed and for which Next.js;
      // its vercel.json says which routes are cron jobs.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{package.json,next.config.{js,mjs,cjs,ts},vercel.json}'),
    },
    outputChannel,
    // A rule that fails is written to the output once; it must not pop the panel open while the user types.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: { testMode: process.env.NEXT_AFTER_LINT_TEST_MODE === '1' },
  };
  client = new LanguageClient(CLIENT_ID, NAME, serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('nextAfterLint.restartServer', async () => {
      outputChannel.appendLine('Restarting the server...');
      await (client?.isRunning() ? client.restart() : client?.start());
    }),
    vscode.commands.registerCommand('nextAfterLint.showOutput', () => outputChannel.show(true)),
  );
  try {
    await client.start();
  } catch (error) {
    // Activation still succeeds, so "Restart Server" and "Show Output" stay available.
    outputChannel.appendLine(`The server did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
