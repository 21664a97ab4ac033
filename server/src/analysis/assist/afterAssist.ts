import ts from 'typescript';
import { ensureNamedImport } from '../edits/imports';
import type { ContextKind } from '../facts/context';
import { collectFileFacts, describeContextKind, type AfterCall, type FileFacts } from '../facts/fileFacts';
import { enclosingFunction, isAsyncFunction } from '../facts/statements';
import { nextAtLeast, parseNextVersion } from '../nextVersion';
import { parseSource } from '../parse';
import type { AnalysisInput, TextEdit } from '../types';
import { nodeAt } from './nodeAt';

export interface AfterCompletion {
  label: string;
  detail: string;
  documentation: string;
  /** LSP/VS Code snippet syntax. */
  snippet: string;
  /** Imports the snippet needs. */
  additionalEdits: TextEdit[];
}

export interface AfterHover {
  markdown: string;
  start: number;
  end: number;
}

function factsOf(input: AnalysisInput): FileFacts {
  return collectFileFacts(parseSource(input.appRelativePath, input.text), input.appRelativePath, parseNextVersion(input.nextVersion));
}

/**
 * The `after` snippet that fits the cursor: a Server Component reads request data before the
 * callback (it may not read it inside); a Route Handler, Server Action or Middleware writes inline.
 * Undefined where after() cannot be used (top level, client modules, the Pages Router).
 */
export function afterCompletionAt(input: AnalysisInput, offset: number): AfterCompletion | undefined {
  const facts = factsOf(input);
  const node = nodeAt(facts.sourceFile, offset);
  const fn = ts.isSourceFile(node) ? undefined : enclosingFunction(node);
  if (!fn || facts.isClientModule || facts.role.inPagesRouter) return undefined;
  const context = facts.contextOf(node);
  const exported = nextAtLeast(facts.nextVersion, '15.1.0') ? 'after' : 'unstable_after';
  const afterImport = ensureNamedImport(facts.sourceFile, 'next/server', exported);
  const call = afterImport.localName;
  const edits = afterImport.edit ? [afterImport.edit] : [];
  const where = describeContextKind(context.kind);

  if (context.kind === 'server-component' && isAsyncFunction(fn)) {
    const headersImport = ensureNamedImport(facts.sourceFile, 'next/headers', 'headers');
    if (headersImport.edit) edits.push(headersImport.edit);
    return {
      label: 'after',
      detail: `after() in a Server Component: read request data first`,
      documentation:
        'In a Server Component, after() runs once rendering is finished, where cookies() and headers() throw. ' +
        'The snippet reads headers before after() and uses the value inside.',
      snippet: `const \${1:headersList} = await ${headersImport.localName}()\n${call}(async () => {\n\t\${2:console.log(\${1:headersList}.get('user-agent'))}\$0\n})`,
      additionalEdits: mergeAdjacent(edits),
    };
  }
  return {
    label: 'after',
    detail: `after() in a ${where}: runs once the response is sent`,
    documentation:
      context.kind === 'route-handler' || context.kind === 'server-action' || context.kind === 'middleware'
        ? `In a ${where}, after() runs once the response is sent, and may read cookies() and headers().`
        : 'after() runs its callback once the response (or prerender) is finished.',
    snippet: `${call}(async () => {\n\t\$0\n})`,
    additionalEdits: mergeAdjacent(edits),
  };
}

/** Two imports inserted at the same offset become one edit (LSP forbids overlapping edits). */
function mergeAdjacent(edits: TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const edit of edits) {
    const same = merged.find((other) => other.start === edit.start && other.end === edit.end && other.start === other.end);
    if (same) same.text += edit.text;
    else merged.push({ ...edit });
  }
  return merged;
}

const RUNS_WHEN: Partial<Record<ContextKind, string>> = {
  'route-handler': 'once the response has been sent',
  'server-action': 'once the action has responded',
  middleware: 'once the middleware response has been sent',
  'server-component':
    'once rendering is finished; in a statically rendered page that is at build time or when the page is revalidated, not on every request',
};

/** What the callback of the `after()` call under the cursor will do, in this file's context. */
export function afterHoverAt(input: AnalysisInput, offset: number): AfterHover | undefined {
  const facts = factsOf(input);
  const after = facts.afterCalls.find((candidate) => {
    const callee = candidate.call.expression;
    return callee.getStart(facts.sourceFile) <= offset && offset <= callee.getEnd();
  });
  if (!after) return undefined;
  return { markdown: describeAfter(facts, after), start: after.call.expression.getStart(facts.sourceFile), end: after.call.expression.getEnd() };
}

function describeAfter(facts: FileFacts, after: AfterCall): string {
  const kind = after.context.kind;
  const lines: string[] = [];
  const where = kind === 'unknown' ? `\`${facts.role.path}\` (not a request scope by itself: it runs in the context of whoever calls this function)` : `a ${facts.describeContext(kind)}`;
  lines.push(`**\`${after.api}()\`** in ${where}`);
  lines.push('');
  lines.push(`- The callback runs ${RUNS_WHEN[kind] ?? 'once the response (or prerender) is finished'}.`);
  if (kind === 'server-component') lines.push('- `cookies()`, `headers()` and `connection()` may **not** be called inside: read them before `after()` and pass the values in.');
  else if (kind === 'route-handler' || kind === 'server-action' || kind === 'middleware') lines.push('- `cookies()` and `headers()` may be read inside the callback here.');
  else if (kind === 'client' || kind === 'pages-router') lines.push(`- \`after()\` is not available in a ${describeContextKind(kind)}.`);
  const maxDuration = exportedMaxDuration(facts.sourceFile);
  lines.push(
    maxDuration !== undefined
      ? `- It is bounded by this route's \`maxDuration\` (${maxDuration} s): work still running then is stopped.`
      : "- It is bounded by the route's `maxDuration` (the platform default unless the route exports one).",
  );
  lines.push('- It runs even when the response fails, redirects or is a 404; errors inside it never reach the response. Do not use it for work the response depends on.');
  if (after.outermost !== after) lines.push('- Nested in another `after()`: it keeps the context of the outermost one.');
  return lines.join('\n');
}

function exportedMaxDuration(sourceFile: ts.SourceFile): string | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === 'maxDuration' && declaration.initializer && ts.isNumericLiteral(declaration.initializer)) {
        return declaration.initializer.text;
      }
    }
  }
  return undefined;
}
