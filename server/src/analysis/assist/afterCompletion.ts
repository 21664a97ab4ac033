import ts from 'typescript';
import { ensureNamedImport } from '../edits/imports';
import { usesSemicolons } from '../edits/style';
import { collectFileFacts, describeContextKind } from '../facts/fileFacts';
import { enclosingFunction, isAsyncFunction, uniqueName, usedNames } from '../facts/statements';
import { nextAtLeast, parseNextVersion } from '../nextVersion';
import { parseSource } from '../parse';
import type { AnalysisInput, TextEdit } from '../types';
import { isInComment, nodeAt } from './nodeAt';

export interface AfterCompletion {
  label: string;
  detail: string;
  documentation: string;
  /** LSP/VS Code snippet syntax. */
  snippet: string;
  /** The imports the snippet needs (at most one edit: LSP forbids overlapping edits). */
  additionalEdits: TextEdit[];
}

/**
 * The `after` snippet that fits the cursor: a Server Component reads request data before the
 * callback (it may not read it inside); a Route Handler, Server Action or Middleware writes inline.
 * Undefined where after() cannot be written: outside functions, in client modules and the Pages
 * Router, before Next.js 15, and where no statement can start.
 */
export function afterCompletionAt(input: AnalysisInput, offset: number): AfterCompletion | undefined {
  const nextVersion = parseNextVersion(input.nextVersion);
  if (!nextAtLeast(nextVersion, '15.0.0')) return undefined;
  const facts = collectFileFacts(parseSource(input.appRelativePath, input.text), input.appRelativePath, nextVersion);
  const { sourceFile } = facts;
  const at = Math.max(0, Math.min(offset, input.text.length));
  const node = nodeAt(sourceFile, at);
  const fn = ts.isSourceFile(node) ? undefined : enclosingFunction(node);
  const spot = fn && statementSpot(node, at, sourceFile);
  if (!fn || !spot || facts.isClientModule || facts.role.inPagesRouter) return undefined;

  const context = facts.contextOf(node);
  const afterImport = ensureNamedImport(sourceFile, 'next/server', nextAtLeast(nextVersion, '15.1.0') ? 'after' : 'unstable_after');
  const edits = afterImport.edit ? [afterImport.edit] : [];
  const call = afterImport.localName;
  const semicolon = usesSemicolons(sourceFile) ? ';' : '';
  // Inserted before an existing statement: that statement moves to the next line.
  const end = `${semicolon}${spot === 'before-statement' ? '\n' : ''}`;
  const where = describeContextKind(context.kind);

  if (context.kind === 'server-component' && isAsyncFunction(fn)) {
    const headersImport = ensureNamedImport(sourceFile, 'next/headers', 'headers');
    if (headersImport.edit) edits.push(headersImport.edit);
    const name = uniqueName('headersList', usedNames(sourceFile));
    return {
      label: 'after',
      detail: 'after() in a Server Component: read request data first',
      documentation:
        'In a Server Component, after() runs once rendering is finished, where cookies() and headers() throw. ' +
        'The snippet reads headers before after() and uses the value inside.',
      snippet: `const \${1:${name}} = await ${headersImport.localName}()${semicolon}\n${call}(async () => {\n\t\${2:console.log(\${1:${name}}.get('user-agent'))}\$0\n})${end}`,
      additionalEdits: mergeInsertions(edits),
    };
  }
  return {
    label: 'after',
    detail: context.kind === 'unknown' ? 'after(): runs once the response is sent' : `after() in a ${where}: runs once the response is sent`,
    documentation: documentationFor(context.kind, where),
    snippet: `${call}(async () => {\n\t\$0\n})${end}`,
    additionalEdits: mergeInsertions(edits),
  };
}

function documentationFor(kind: string, where: string): string {
  if (kind === 'route-handler' || kind === 'server-action' || kind === 'middleware') {
    return `In a ${where}, after() runs its callback once the response is sent, and the callback may read cookies() and headers().`;
  }
  if (kind === 'server-component') {
    return 'In a Server Component, after() runs once rendering is finished: cookies() and headers() throw inside its callback, so read them before after() (the component must be async to await them).';
  }
  return 'after() runs its callback once the response (or prerender) is finished.';
}

type Spot = 'typed' | 'empty' | 'before-statement';

/**
 * Where a statement may start: a name typed on its own line (`aft|`), an empty spot in a block, or
 * the first character of a statement (the snippet then ends with a line break). Not in comments,
 * strings, JSX, inside expressions (`return aft|`), member names or declarations.
 */
function statementSpot(node: ts.Node, offset: number, sourceFile: ts.SourceFile): Spot | undefined {
  if (isInComment(sourceFile, offset)) return undefined;
  for (let current = node; !ts.isSourceFile(current) && current.getStart(sourceFile) === offset; current = current.parent) {
    if (ts.isStatement(current) && (ts.isBlock(current.parent) || ts.isCaseOrDefaultClause(current.parent))) return 'before-statement';
  }
  if (ts.isIdentifier(node)) return ts.isExpressionStatement(node.parent) && node.parent.expression === node ? 'typed' : undefined;
  // After a `case x:` that has no statements yet, the cursor sits in the case block itself.
  if (ts.isCaseBlock(node)) return node.clauses.some((clause) => clause.getStart(sourceFile) < offset) ? 'empty' : undefined;
  return ts.isBlock(node) || ts.isCaseOrDefaultClause(node) ? 'empty' : undefined;
}

/** Two imports inserted at the same offset become one edit: LSP forbids overlapping edits. */
function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const edit of edits) {
    const same = merged.find((other) => other.start === edit.start && other.end === edit.end && other.start === other.end);
    if (same) same.text += edit.text;
    else merged.push({ ...edit });
  }
  return merged;
}
