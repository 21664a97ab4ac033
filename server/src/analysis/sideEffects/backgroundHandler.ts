import ts from 'typescript';
import type { ScopeContext } from '../facts/context';
import type { FileFacts } from '../facts/fileFacts';
import { matchingUrlPath, routePathOf } from '../facts/routePath';
import { findDeclaration, isFunctionScope, skipOuterExpressions } from '../facts/scopes';
import { calleePath, moduleOrigin } from './callee';

/**
 * Why no person waits for a Route Handler's response: Vercel calls it on a schedule, or a queue
 * delivers a message to it (and retries on failure). Webhooks are not here: their senders wait,
 * time out and retry.
 */
export type BackgroundJob =
  | { kind: 'cron-listed'; cronPath: string }
  | { kind: 'cron-folder' }
  | { kind: 'queue-signature'; verifier: string };

/** Wrappers that verify a queue's signature before calling the handler passed to them. */
const SIGNATURE_WRAPPERS: readonly { modules: readonly string[]; name: string }[] = [
  { modules: ['@upstash/qstash/nextjs', '@upstash/qstash/dist/nextjs'], name: 'verifySignatureAppRouter' },
  { modules: ['@upstash/qstash/nextjs', '@upstash/qstash/dist/nextjs'], name: 'verifySignatureEdge' },
];
/** Calls that verify a queue's signature inside the handler, below a client (`new Receiver()`). */
const SIGNATURE_CHECKS: readonly { module: string; path: string }[] = [{ module: '@upstash/qstash', path: 'verify' }];
/** A helper of the app's own (dub's `verifyQstashSignature`): its name says what it checks. */
const SIGNATURE_HELPER = /^verify.*(qstash|upstash)/i;

/**
 * For each request scope, whether it is a background job and why. Answers are kept per scope: the
 * rule asks once per awaited statement.
 */
export function backgroundJobs(facts: FileFacts): (scope: ScopeContext) => BackgroundJob | undefined {
  const answers = new Map<ts.Node, BackgroundJob | undefined>();
  return (scope) => {
    if (scope.kind !== 'route-handler' || !scope.scope) return undefined;
    if (!answers.has(scope.scope)) answers.set(scope.scope, backgroundJobOf(facts, scope.scope));
    return answers.get(scope.scope);
  };
}

/** In order of trust: the app's own cron list, a signature check, then the folder's name. */
function backgroundJobOf(facts: FileFacts, handler: ts.FunctionLikeDeclaration): BackgroundJob | undefined {
  const routePath = routePathOf(facts.role.path);
  if (routePath === undefined) return undefined;
  const cronPath = matchingUrlPath(routePath, facts.cronPaths);
  if (cronPath) return { kind: 'cron-listed', cronPath };
  const verifier = signatureCheckOf(facts, handler);
  if (verifier) return { kind: 'queue-signature', verifier };
  return routePath.split('/').includes('cron') ? { kind: 'cron-folder' } : undefined;
}

/** The call that verifies a queue signature for this handler: a wrapper around it, or a check inside it. */
function signatureCheckOf(facts: FileFacts, handler: ts.FunctionLikeDeclaration): string | undefined {
  for (const call of facts.calls) {
    const callee = calleePath(call);
    if (!callee) continue;
    const inside = call.pos >= handler.pos && call.end <= handler.end;
    if (inside && SIGNATURE_HELPER.test(callee.names[callee.names.length - 1]!)) return callee.text;
    const origin = moduleOrigin(callee);
    if (!origin) continue;
    if (inside && SIGNATURE_CHECKS.some((check) => check.module === origin.module && check.path === origin.path)) return callee.text;
    const wraps = SIGNATURE_WRAPPERS.some((wrapper) => wrapper.modules.includes(origin.module) && wrapper.name === origin.path);
    if (wraps && call.arguments.some((argument) => passesHandler(argument, handler))) return callee.text;
  }
  return undefined;
}

/**
 * Whether an argument hands the handler over: written inline (also inside another wrapper,
 * `verifySignatureAppRouter(withLog(async (req) => ...))`) or by the name it is declared under.
 */
function passesHandler(argument: ts.Expression, handler: ts.FunctionLikeDeclaration): boolean {
  if (handler.pos >= argument.pos && handler.end <= argument.end) return true;
  const visit = (node: ts.Node): boolean => {
    if (isFunctionScope(node)) return false;
    if (ts.isIdentifier(node) && namesFunction(node, handler)) return true;
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(argument);
}

function namesFunction(name: ts.Identifier, fn: ts.FunctionLikeDeclaration): boolean {
  const declaration = findDeclaration(name);
  if (declaration === fn) return true;
  return declaration !== undefined && ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined && skipOuterExpressions(declaration.initializer) === fn;
}

/** How messages say why the handler is a background job. */
export function describeBackgroundJob(job: BackgroundJob): string {
  switch (job.kind) {
    case 'cron-listed':
      return `a scheduled job (vercel.json lists \`${job.cronPath}\` under \`crons\`)`;
    case 'cron-folder':
      return 'a scheduled job (its route sits in a `cron/` folder)';
    case 'queue-signature':
      return `a queued job (\`${job.verifier}\` verifies the queue's signature)`;
  }
}
