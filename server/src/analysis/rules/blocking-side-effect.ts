import ts from 'typescript';
import { planCaptures } from '../edits/captures';
import { movableDeclarations } from '../edits/movableDeclarations';
import { captureAnchor, deferringFix, wrapStatementInAfter } from '../edits/wrapInAfter';
import { skipOuterExpressions } from '../facts/scopes';
import { nextAtLeast } from '../nextVersion';
import { localFunctionOf } from '../sideEffects/callee';
import { backgroundJobs, describeBackgroundJob } from '../sideEffects/backgroundHandler';
import { handlerStatementScope } from '../sideEffects/handlerStatement';
import { classifySideEffect, returnsPromise, type SideEffect } from '../sideEffects/classify';
import type { TypeFacts } from '../semantic/typeFacts';
import type { Rule, RuleContext } from '../types';

export const rule: Rule = {
  meta: {
    id: 'blocking-side-effect',
    description: 'An awaited logging, analytics, audit or notification call that delays the response and belongs in after().',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check(context) {
    const backgroundJobOf = backgroundJobs(context.facts);
    for (const statement of context.facts.expressionStatements) checkStatement(context, statement, backgroundJobOf);
  },
};

function checkStatement({ facts, settings, report, types }: RuleContext, statement: ts.ExpressionStatement, backgroundJobOf: ReturnType<typeof backgroundJobs>): void {
  const expression = skipOuterExpressions(statement.expression);
  if (!ts.isAwaitExpression(expression)) return;
  const scope = handlerStatementScope(facts, statement);
  if (!scope) return;
  const effects = sideEffectsAwaited(skipOuterExpressions(expression.expression), settings.sideEffects, types);
  if (!effects) return;
  // An auth provider's verification email (better-auth's `sendResetPassword`...) is what its callback is for.
  if (scope.served?.sendIsPurpose && effects.every((effect) => effect.category === 'notification')) return;
  const [first] = effects;
  const category = first!.category;
  const notification = effects.every((effect) => effect.category === 'notification');
  const where = facts.describeContext(scope);
  const callee = effects.length === 1 ? `\`${first!.callee.text}\`` : `these calls (${effects.map((e) => `\`${e.callee.text}\``).join(', ')})`;
  const on150 = !nextAtLeast(facts.nextVersion, '15.1.0');
  const kind = effects.length > 1 ? 'side-effect' : category;
  const unstable = on150 ? ' (on Next.js 15.0 as `unstable_after`, with `experimental.after` enabled)' : '';
  const job = backgroundJobOf(scope);
  report({
    node: expression,
    severity: notification || job ? 'info' : undefined,
    message: job
      ? `Awaiting this ${kind} call makes this ${where} wait for ${callee}, but the handler is ${describeBackgroundJob(job)}: no one reads the response of a scheduled or queued job, so \`after()\` would only shorten the job. ` +
        `Move it into \`after(async () => { ... })\`${unstable} if the job should end sooner; to silence this, add it to \`nextAfterLint.sideEffects.exclude\`.`
      : `Awaiting this ${kind} call delays the response of this ${where}: the client waits for ${callee} although the response does not depend on it. ` +
        `Move it into \`after(async () => { ... })\` so it runs once the response is sent${unstable}; ` +
        `if it must finish first, add it to \`nextAfterLint.sideEffects.exclude\`.`,
    fix: () => {
      const moved = movableDeclarations(facts, statement, scope.kind === 'server-component');
      const plan = planCaptures(facts, [...moved, statement], captureAnchor(statement));
      return deferringFix(`Move into ${on150 ? 'unstable_after' : 'after'}()`, plan, wrapStatementInAfter(facts, statement, moved, plan));
    },
  });
}

/** The side effects an awaited expression waits for: one call, or `Promise.all([...])` of side effects only. */
function sideEffectsAwaited(awaited: ts.Expression, settings: RuleContext['settings']['sideEffects'], types: TypeFacts | undefined): SideEffect[] | undefined {
  if (!ts.isCallExpression(awaited)) return undefined;
  const callee = awaited.expression;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise' && /^(all|allSettled)$/.test(callee.name.text)) {
    const list = awaited.arguments[0] && skipOuterExpressions(awaited.arguments[0]);
    if (!list || !ts.isArrayLiteralExpression(list) || list.elements.length === 0) return undefined;
    const effects: SideEffect[] = [];
    for (const element of list.elements) {
      const call = skipOuterExpressions(element);
      const effect = ts.isCallExpression(call) ? classifySideEffect(call, settings, true, types) : undefined;
      if (!effect) return undefined;
      effects.push(effect);
    }
    return effects;
  }
  const effect = classifySideEffect(awaited, settings, true, types);
  if (!effect) return undefined;
  // A sync function declared here that returns void is not worth an after().
  if (effect.via === 'verb' && (types?.returnsPromise(awaited) === false || (!types && isDeclaredSync(awaited, effect)))) return undefined;
  return [effect];
}

/** A function declared in this file that is neither async nor typed as a promise: awaiting it blocks nothing. */
function isDeclaredSync(call: ts.CallExpression, effect: SideEffect): boolean {
  return localFunctionOf(effect.callee) !== undefined && !returnsPromise(call, effect);
}
