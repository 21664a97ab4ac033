import ts from 'typescript';
import { planCaptures } from '../edits/captures';
import { afterImport, captureAnchorOfCall, deferringFix } from '../edits/wrapInAfter';
import { newlineOf, removalRange } from '../edits/text';
import { isRequestContext } from '../facts/context';
import { findDeclaration, isFunctionExpressionLike, skipOuterExpressions } from '../facts/scopes';
import { nextAtLeast } from '../nextVersion';
import type { FileFacts } from '../facts/fileFacts';
import type { Fix, Rule, TextEdit } from '../types';

export const rule: Rule = {
  meta: {
    id: 'prefer-after-over-waituntil',
    description: 'waitUntil() from @vercel/functions where Next.js 15.1+ offers after().',
    defaultSeverity: 'info',
    fixable: true,
  },
  check({ facts, report }) {
    if (!nextAtLeast(facts.nextVersion, '15.1.0')) return;
    for (const call of facts.calls) {
      if (facts.apiOf(call) !== 'waitUntil') continue;
      const scope = facts.contextOf(call);
      if (!isRequestContext(scope.kind)) continue;
      report({
        node: call,
        message:
          `\`waitUntil()\` from @vercel/functions works only on Vercel; this ${facts.describeContext(scope)} can use Next.js \`after()\`, which works on every platform. ` +
          'Use `after(() => task)`: the task then starts once the response is sent, instead of now.',
        fix: () => replaceWithAfter(facts, call),
      });
    }
  },
};

function replaceWithAfter(facts: FileFacts, call: ts.CallExpression): Fix | undefined {
  const task = call.arguments[0];
  if (!task || call.arguments.length > 1) return undefined;
  const { sourceFile, text } = facts;
  const { name, edit } = afterImport(facts);
  const value = skipOuterExpressions(task);
  // A function passed in runs when after() calls it, as before; a task expression starts later now, so its values are captured.
  const passedAsIs = isFunctionExpressionLike(value);
  const plan = planCaptures(facts, passedAsIs ? [] : [task], captureAnchorOfCall(call));
  const callback = passedAsIs ? task.getText(sourceFile) : plan.arrowOf(task);
  const edits: TextEdit[] = [{ start: call.getStart(sourceFile), end: call.getEnd(), text: `${name}(${callback})` }];
  // Drop the waitUntil import when this was its only use.
  const callee = skipOuterExpressions(call.expression);
  const specifier = ts.isIdentifier(callee) ? findDeclaration(callee) : undefined;
  if (specifier && ts.isImportSpecifier(specifier) && facts.calls.filter((other) => facts.apiOf(other) === 'waitUntil').length === 1) {
    const named = specifier.parent;
    if (named.elements.length === 1) {
      const declaration = named.parent.parent;
      const removal = { ...removalRange(text, declaration.getStart(sourceFile), declaration.getEnd()), text: '' };
      // The new import would go right after this one: write it in its place instead.
      if (edit && edit.start >= removal.start && edit.start <= removal.end) {
        removal.text = `${edit.text.replace(/^\r?\n/, '')}${newlineOf(text)}`;
        edits.push(removal);
        return deferringFix('Use after() instead of waitUntil()', plan, edits);
      }
      edits.push(removal);
    } else {
      const index = named.elements.indexOf(specifier);
      const next = named.elements[index + 1];
      const previous = named.elements[index - 1];
      edits.push(next ? { start: specifier.getStart(sourceFile), end: next.getStart(sourceFile), text: '' } : { start: previous!.getEnd(), end: specifier.getEnd(), text: '' });
    }
  }
  if (edit) edits.push(edit);
  return deferringFix('Use after() instead of waitUntil()', plan, edits);
}
