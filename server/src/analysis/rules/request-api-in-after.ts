import ts from 'typescript';
import { REQUEST_APIS, type NextApi } from '../facts/bindings';
import type { AfterCall, FileFacts } from '../facts/fileFacts';
import { enclosingFunction, enclosingStatement, isAsyncFunction, uniqueName, usedNames } from '../facts/statements';
import { HOISTED_NAMES } from '../edits/captureNames';
import { usesSemicolons } from '../edits/style';
import { indentationAt, lineStartAt, newlineOf, removalRange } from '../edits/text';
import type { TypeFacts } from '../semantic/typeFacts';
import type { Fix, ReportDescriptor, Rule, RuleContext, TextEdit } from '../types';

export const rule: Rule = {
  meta: {
    id: 'request-api-in-after',
    description: 'Request APIs (cookies(), headers(), connection()) read inside after() in a Server Component, where Next.js throws.',
    defaultSeverity: 'error',
    fixable: true,
  },
  check({ facts, report, types }) {
    if (types) reportHelperCalls(facts, types, report);
    // Reads grouped by their outermost after(): one hoisted value serves all reads of an API there.
    const reads = new Map<AfterCall, ts.CallExpression[]>();
    for (const call of facts.calls) {
      const api = facts.apiOf(call);
      if (!api || !REQUEST_APIS.has(api)) continue;
      const after = facts.enclosingAfter(call);
      if (!after || after.context.kind !== 'server-component') continue;
      const group = reads.get(after.outermost) ?? [];
      group.push(call);
      reads.set(after.outermost, group);
    }
    for (const [outermost, calls] of reads) {
      for (const call of calls) report(findingFor(facts, outermost, call, calls));
    }
  },
};

/**
 * Semantic level: a Server Component calling a helper (any file) that calls after() with a request
 * API inside is reported at the call; the helper itself stays quiet, since Route Handlers and Server
 * Actions may call it.
 */
function reportHelperCalls(facts: FileFacts, types: TypeFacts, report: RuleContext['report']): void {
  for (const call of facts.calls) {
    if (facts.apiOf(call) || facts.contextOf(call).kind !== 'server-component' || facts.enclosingAfter(call)) continue;
    const path = types.requestApiInAfterBehind(call);
    if (!path) continue;
    report({
      node: call,
      message:
        `This call runs a request API inside \`after()\` from a ${facts.describeContext('server-component')}: ${path}, and Next.js throws there because after() runs once rendering is finished. ` +
        'Read the value before calling the helper and pass it in.',
    });
  }
}

function findingFor(facts: FileFacts, outermost: AfterCall, call: ts.CallExpression, readsInAfter: readonly ts.CallExpression[]): ReportDescriptor {
  const api = facts.apiOf(call)!;
  const hoist = planHoist(facts, outermost, call, api, readsInAfter);
  const where = facts.describeContext('server-component');
  return {
    node: call,
    message:
      `\`${api}()\` is read inside \`after()\` in a ${where}; Next.js throws here because after() runs once rendering is finished. ` +
      `Read ${api === 'connection' ? 'it' : api} before calling after() and pass the value in.` +
      (typeof hoist === 'string' ? ` (No automatic fix: ${hoist}.)` : ''),
    fix: typeof hoist === 'string' ? undefined : hoist,
  };
}

/** Hoists the read before the outermost `after` statement, or says why it cannot. */
function planHoist(facts: FileFacts, outermost: AfterCall, call: ts.CallExpression, api: NextApi, readsInAfter: readonly ts.CallExpression[]): Fix | string {
  const { text, sourceFile } = facts;
  const inner = facts.enclosingAfter(call);
  if (!inner?.callbackIsInline || !outermost.callbackIsInline) return 'the callback is declared elsewhere, where a value read here would not be in scope';
  const anchor = enclosingStatement(outermost.call);
  const owner = enclosingFunction(outermost.call);
  if (!anchor || !owner) return 'the after() call is not a statement of a function body';
  if (!isAsyncFunction(owner)) return 'the function that calls after() is not async, so the value cannot be awaited before it';

  const indent = indentationAt(text, anchor.getStart(sourceFile));
  const newline = newlineOf(text);
  const insertAt = lineStartAt(text, anchor.getStart(sourceFile));
  const apiText = call.expression.getText(sourceFile);
  const semicolon = usesSemicolons(sourceFile) ? ';' : '';

  if (api === 'connection') {
    // connection() returns nothing: awaiting it first is the whole fix; drop the statement inside.
    const statement = ts.isAwaitExpression(call.parent) ? call.parent.parent : call.parent;
    if (!ts.isExpressionStatement(statement)) return 'the value of connection() is used inside the callback';
    return {
      title: `Call ${apiText}() before after()`,
      edits: [
        { start: insertAt, end: insertAt, text: `${indent}await ${apiText}()${semicolon}${newline}` },
        { ...removalRange(text, statement.getStart(sourceFile), statement.getEnd()), text: '' },
      ],
    };
  }

  const name = uniqueName(HOISTED_NAMES[api] ?? `${api}Value`, usedNames(sourceFile));
  const edits: TextEdit[] = [{ start: insertAt, end: insertAt, text: `${indent}const ${name} = await ${apiText}()${semicolon}${newline}` }];
  // Every read of the same API in this after() uses the one hoisted value.
  for (const other of readsInAfter) {
    if (facts.apiOf(other) !== api) continue;
    const replaced = readExpression(other);
    edits.push({ start: replaced.getStart(sourceFile), end: replaced.getEnd(), text: name });
  }
  return { title: `Read ${api}() before after() as \`${name}\``, edits };
}

/** `(await headers())` as a whole: the expression the hoisted name replaces. */
function readExpression(call: ts.CallExpression): ts.Expression {
  let node: ts.Expression = call;
  if (ts.isAwaitExpression(node.parent)) node = node.parent;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return node;
}
