// The language server's entry: `node server/out/server.js --stdio` for any editor, IPC when VS Code starts it.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { LanguageServer } from './lsp/languageServer';

const connection = createConnection(ProposedFeatures.all);
new LanguageServer(connection).listen();
