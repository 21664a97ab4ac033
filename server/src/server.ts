// The language server's entry: `node server/out/server.js --stdio` for any editor, IPC when VS Code starts it.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { LanguageServer } from './lsp/languageServer';

const connection = createConnection(ProposedFeatures.all);
// Whatever goes wrong in one request must not end the server the editor relies on.
process.on('unhandledRejection', (reason) => connection.console.error(`next-after-lint: unhandled rejection: ${String(reason)}`));
process.on('uncaughtException', (error) => connection.console.error(`next-after-lint: uncaught exception: ${error.stack ?? String(error)}`));
new LanguageServer(connection).listen();
