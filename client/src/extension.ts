import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
let client: LanguageClient | undefined;

/** Starts the language server over IPC; the client knows nothing of the analysis itself. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('Next.js after() Lint');
  context.subscriptions.push(outputChannel);
  const module = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.map((language) => ({ scheme: 'file', language })),
    synchronize: {
      configurationSection: 'nextAfterLint',
      // An app's package.json or next.config decides whether a file is analysed and for which Next.js.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{package.json,next.config.{js,mjs,cjs,ts}}'),
    },
    outputChannel,
    initializationOptions: { testMode: process.env.NEXT_AFTER_LINT_TEST_MODE === '1' },
  };
  client = new LanguageClient('nextAfterLint', 'Next.js after() Lint', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('nextAfterLint.restartServer', async () => {
      outputChannel.appendLine('Restarting the server...');
      await client?.restart();
    }),
    vscode.commands.registerCommand('nextAfterLint.showOutput', () => outputChannel.show(true)),
  );
  await client.start();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
