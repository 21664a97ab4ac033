import ts from 'typescript';
import { planCaptures } from '../edits/captures';
import { referencesTo } from '../edits/movableDeclarations';
import { removalRange } from '../edits/text';
import { captureAnchor, captureAnchorOfCall, deferringFix } from '../edits/wrapInAfter';
import type { AfterCall, FileFacts } from '../facts/fileFacts';
import { findDeclaration, isFunctionExpressionLike, skipOuterExpressions } from '../facts/scopes';
import { classifySideEffect, returnsPromise } from '../sideEffects/classify';
import type { Fix, Rule, RuleContext, Severity } from '../types';

export const rule: Rule = {
  meta: {
    id: 'after-non-callback',
    description: 'after() given a promise, an awaited value or a literal instead of a callback.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check(context) {
    const { facts, report } = context;
    const { sourceFile } = facts;
    for (const after of facts.afterCalls) {
      const argument = after.call.arguments[0];
      const name = after.api;
      if (!argument) {
        report({
          node: after.call,
          severity: 'error',
          message: `\`${name}()\` is called without a callback, so Next.js throws at run time. Pass the work as a function: \`${name}(() => ...)\`.`,
        });
        continue;
      }
      const value = skipOuterExpressions(argument);
      const problem = describeArgument(value);
      if (!problem) {
        if (ts.isIdentifier(value)) checkPromiseConst(context, after, argument, value);
        continue;
      }
      const wrap = problem.wrap;
      const fix = wrap && ((): Fix | undefined => {
        const plan = planCaptures(facts, [wrap], captureAnchorOfCall(after.call));
        return deferringFix(`Wrap in a callback: ${name}(() => ...)`, plan, [{ start: argument.getStart(sourceFile), end: argument.getEnd(), text: plan.arrowOf(wrap) }]);
      });
      report({ node: argument, severity: problem.severity, message: problem.message(name), fix });
    }
  },
};

interface ArgumentProblem {
  severity?: Severity;
  message(name: string): string;
  /** The expression the callback should return, when wrapping is the fix. */
  wrap?: ts.Expression;
}

function describeArgument(value: ts.Expression): ArgumentProblem | undefined {
  if (isFunctionExpressionLike(value)) return undefined;
  if (ts.isAwaitExpression(value)) {
    return {
      wrap: skipOuterExpressions(value.expression),
      message: (name) =>
        `The value passed to \`${name}()\` is awaited first, so the work blocks the response and ${name}() receives its result instead of a callback. ` +
        `Pass a callback instead: \`${name}(() => ...)\`.`,
    };
  }
  if (ts.isCallExpression(value) || ts.isNewExpression(value) || ts.isTaggedTemplateExpression(value)) {
    return {
      wrap: value,
      message: (name) =>
        `This ${ts.isNewExpression(value) ? 'promise' : 'call'} starts while the response is still being produced, not after it: \`${name}()\` expects a callback. ` +
        `Wrap it: \`${name}(() => ...)\`.`,
    };
  }
  if (isLiteralLike(value)) {
    return {
      severity: 'error',
      message: (name) => `\`${name}()\` needs a callback (or a promise); \`${value.getText()}\` makes Next.js throw at run time. Pass the work as a function: \`${name}(() => ...)\`.`,
    };
  }
  return undefined;
}

function isLiteralLike(value: ts.Expression): boolean {
  return (
    ts.isLiteralExpression(value) ||
    ts.isNoSubstitutionTemplateLiteral(value) ||
    ts.isTemplateExpression(value) ||
    ts.isObjectLiteralExpression(value) ||
    ts.isArrayLiteralExpression(value) ||
    value.kind === ts.SyntaxKind.NullKeyword ||
    value.kind === ts.SyntaxKind.TrueKeyword ||
    value.kind === ts.SyntaxKind.FalseKeyword ||
    (ts.isIdentifier(value) && value.text === 'undefined') ||
    (ts.isVoidExpression(value) && ts.isLiteralExpression(skipOuterExpressions(value.expression)))
  );
}

/**
 * `after(promise)` where `promise` is a `const` known to hold a promise: its initializer returns
 * one by the evidence the side-effect rules use (the checker when present, a local `async` function
 * or `Promise` annotation, the catalogue, a `.then` chain) or is `new Promise(...)`. The work began
 * when the const was initialised, while the response was being produced. A name of unknown type is
 * never reported.
 */
function checkPromiseConst({ facts, settings, types, report }: RuleContext, after: AfterCall, argument: ts.Expression, name: ts.Identifier): void {
  const declaration = findDeclaration(name);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !declaration.initializer) return;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.BlockScoped) !== ts.NodeFlags.Const) return;
  const initializer = skipOuterExpressions(declaration.initializer);
  if (!startsPromise(initializer, settings, types)) return;
  const fix = startInCallback(facts, after, argument, declaration, name);
  const work = abbreviate(initializer.getText(facts.sourceFile));
  report({
    node: argument,
    message:
      `\`${name.text}\` holds work that already started when it was declared (\`const ${name.text} = ${work}\`), while the response is still being produced: \`${after.api}()\` does not defer work that is already running. ` +
      (fix ? `Start it in the callback instead: \`${after.api}(() => ${work})\`.` : `Start the work inside a callback instead, \`${after.api}(() => ...)\`, where the promise is made.`),
    fix,
  });
}

function startsPromise(initializer: ts.Expression, settings: RuleContext['settings'], types: RuleContext['types']): boolean {
  if (ts.isNewExpression(initializer)) return ts.isIdentifier(initializer.expression) && initializer.expression.text === 'Promise' && !findDeclaration(initializer.expression);
  if (!ts.isCallExpression(initializer)) return false;
  // `send().then(...)`: a chain on a call is evidence that it returns a promise, and so does the chain.
  const callee = skipOuterExpressions(initializer.expression);
  if (ts.isPropertyAccessExpression(callee) && /^(then|catch|finally)$/.test(callee.name.text) && ts.isCallExpression(skipOuterExpressions(callee.expression))) {
    return types?.returnsPromise(initializer) ?? true;
  }
  return returnsPromise(initializer, classifySideEffect(initializer, settings.sideEffects, false), types);
}

/**
 * The fix, when only `after()` uses the const and starting the work later changes nothing but
 * when it runs: the const and `after()` share a block (so the work is neither skipped nor repeated),
 * and the initializer reads nothing that could differ by then. The initializer moves into the
 * callback and the const goes.
 */
function startInCallback(facts: FileFacts, after: AfterCall, argument: ts.Expression, declaration: ts.VariableDeclaration, use: ts.Identifier): Fix | undefined {
  const { text } = facts;
  const statement = declaration.parent.parent;
  if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1 || ts.getModifiers(statement)?.length) return undefined;
  const block = statement.parent;
  const afterStatement = after.call.parent;
  if (!ts.isExpressionStatement(afterStatement) || afterStatement.parent !== block) return undefined;
  if (referencesTo(block, declaration).some((reference) => reference !== use)) return undefined;
  const initializer = declaration.initializer!;
  // Started later, the work must read what it read where the const was: nothing to capture, or no fix.
  const plan = planCaptures(facts, [initializer], captureAnchor(statement));
  if (plan.blocked || plan.review || plan.names.length > 0) return undefined;
  const sourceFile = statement.getSourceFile();
  return {
    title: `Start the work in a callback: ${after.api}(() => ...)`,
    edits: [
      { ...removalRange(text, statement.getStart(sourceFile), statement.getEnd()), text: '' },
      { start: argument.getStart(sourceFile), end: argument.getEnd(), text: `() => ${initializer.getText(sourceFile)}` },
    ],
  };
}

/** A long initializer shown in a message: its first line, cut. */
function abbreviate(code: string): string {
  const firstLine = code.split(/\r?\n/)[0]!;
  return firstLine.length > 60 || firstLine !== code ? `${firstLine.slice(0, 57).trimEnd()}...` : code;
}
