import ts from 'typescript';
import { skipOuterExpressions } from '../facts/scopes';
import type { TypeFacts } from '../semantic/typeFacts';
import type { SideEffectSettings } from '../types';
import { CATALOGUE, type CatalogueEntry, type SideEffectCategory } from './catalogue';
import { calleePath, localFunctionOf, moduleOrigin, type CalleePath } from './callee';
import { camelWords, globMatches } from './words';

export interface SideEffect {
  category: SideEffectCategory;
  /** Why it is one, in the spec's order of trust. */
  via: 'setting' | 'catalogue' | 'counter' | 'verb';
  callee: CalleePath;
  entry?: CatalogueEntry;
}

/**
 * First words that make a call a side effect. Not `cleanup`: `cleanupPartners()` deletes records,
 * which is the work a job exists for, not something to defer.
 */
const VERB_CATEGORIES: Record<string, SideEffectCategory> = {
  log: 'logging',
  audit: 'audit',
  track: 'analytics',
  record: 'analytics',
  report: 'logging',
  notify: 'notification',
  alert: 'notification',
  capture: 'analytics',
  emit: 'analytics',
  ping: 'analytics',
  beacon: 'analytics',
  invalidate: 'cache',
  purge: 'cache',
  warm: 'cache',
};
const SEND_OBJECTS: Record<string, SideEffectCategory> = {
  email: 'notification',
  mail: 'notification',
  notification: 'notification',
  webhook: 'notification',
  slack: 'notification',
  event: 'analytics',
  analytics: 'analytics',
  metric: 'analytics',
};
const COUNTER_FIELDS = /^(views?|visits?|hits?|clicks?|impressions?|pageviews?)(count)?$/i;
const COUNTER_KEY = /(views?|visits?|hits?|clicks?|impressions?)/i;

/** Database or state writes: they decide the response. */
const WRITE_WORDS = new Set(['create', 'update', 'upsert', 'delete', 'insert', 'save']);
const DATA_ROOTS = new Set(['db', 'prisma']);
/** Payments and auth decide the response too. */
const PAYMENT_AUTH_WORDS = new Set(['charge', 'authorize', 'login']);
/** Emails that are the purpose of the request: the user waits for them. */
const PURPOSE_WORDS = new Set(['otp', 'verification', 'verify', 'reset', 'password', 'magic', 'login', 'invite', 'confirm', 'code']);

function matchesAny(globs: readonly string[] | undefined, path: string): boolean {
  return (globs ?? []).some((glob) => globMatches(glob, path));
}

const moduleMatchCache = new Map<string, boolean>();

function moduleMatches(pattern: string, module: string): boolean {
  const key = `${pattern}\u0000${module}`;
  let matches = moduleMatchCache.get(key);
  if (matches === undefined) {
    matches = globMatches(pattern.replace(/\//g, '.'), module.replace(/\//g, '.'));
    moduleMatchCache.set(key, matches);
  }
  return matches;
}

function catalogueEntry(callee: CalleePath, types: TypeFacts | undefined): CatalogueEntry | undefined {
  // Through the project's modules first: `mailer` from lib/email.ts may be a Resend client.
  const origin = types?.originOf?.(callee) ?? moduleOrigin(callee);
  if (!origin) return undefined;
  return CATALOGUE.find((entry) => moduleMatches(entry.module, origin.module) && globMatches(entry.callee, origin.path));
}

/** Queue publishes and job triggers rely on a failed request being retried: never moved. */
function isQueueOrJob(callee: CalleePath, words: string[]): boolean {
  const [root] = callee.names;
  const last = callee.names[callee.names.length - 1]!;
  if (root === 'qstash' || root === 'inngest' || /queue/i.test(callee.names.slice(0, -1).join('.'))) return true;
  return words[0] === 'publish' || words[0] === 'trigger' || words[0] === 'enqueue' || last === 'sendMessage' || (last === 'add' && /queue/i.test(callee.text));
}

function neverReported(callee: CalleePath, words: string[]): boolean {
  const [root] = callee.names;
  if (root && DATA_ROOTS.has(root)) return true;
  if (words[0] && WRITE_WORDS.has(words[0])) return true;
  if (root === 'stripe' || words.some((word) => PAYMENT_AUTH_WORDS.has(word)) || (words[0] === 'sign' && (words[1] === 'in' || words[1] === 'up'))) return true;
  if (isQueueOrJob(callee, words)) return true;
  return words.some((word) => PURPOSE_WORDS.has(word));
}

/** `prisma.post.update({ data: { views: { increment: 1 } } })`, `redis.incr('views:' + id)`. */
function isViewCounter(call: ts.CallExpression, callee: CalleePath): boolean {
  const last = callee.names[callee.names.length - 1]!;
  if (/^(incr|incrby|hincrby|zincrby)$/i.test(last)) {
    const key = call.arguments[0];
    return key !== undefined && COUNTER_KEY.test(key.getText());
  }
  if (last !== 'update' && last !== 'updateMany' && last !== 'upsert') return false;
  const options = call.arguments[0] && skipOuterExpressions(call.arguments[0]);
  if (!options || !ts.isObjectLiteralExpression(options)) return false;
  const data = options.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === (last === 'upsert' ? 'update' : 'data'));
  if (!data || !ts.isPropertyAssignment(data)) return false;
  const fields = skipOuterExpressions(data.initializer);
  if (!ts.isObjectLiteralExpression(fields) || fields.properties.length === 0) return false;
  return fields.properties.every((field) => {
    if (!ts.isPropertyAssignment(field) || !COUNTER_FIELDS.test(field.name.getText())) return false;
    const change = skipOuterExpressions(field.initializer);
    return ts.isObjectLiteralExpression(change) && change.properties.every((p) => p.name?.getText() === 'increment');
  });
}

function categoryFromWords(words: string[]): SideEffectCategory | undefined {
  const [first] = words;
  const last = words[words.length - 1];
  if (first && VERB_CATEGORIES[first]) return VERB_CATEGORIES[first];
  if (first === 'send' && last && SEND_OBJECTS[last]) return SEND_OBJECTS[last];
  return undefined;
}

/**
 * Is this call work that does not decide the response? In the spec's order of trust: the user's
 * include globs, the SDK catalogue, view counters, then verbs; exclude globs and the "never report"
 * list (writes, queues, payments, auth, emails that are the point of the request) win over guesses.
 */
export function classifySideEffect(call: ts.CallExpression, settings: SideEffectSettings | undefined, awaited: boolean, types?: TypeFacts): SideEffect | undefined {
  const callee = calleePath(call);
  if (!callee) return undefined;
  if (matchesAny(settings?.exclude, callee.text)) return undefined;
  const words = camelWords(callee.names[callee.names.length - 1]!);
  if (matchesAny(settings?.include, callee.text)) return { category: categoryFromWords(words) ?? 'logging', via: 'setting', callee };
  const entry = catalogueEntry(callee, types);
  if (entry && (awaited || !entry.onlyWhenAwaited)) return { category: entry.category, via: 'catalogue', callee, entry };
  if (entry) return undefined;
  if (isViewCounter(call, callee)) return { category: 'analytics', via: 'counter', callee };
  if (neverReported(callee, words)) return undefined;
  const category = categoryFromWords(words);
  return category ? { category, via: 'verb', callee } : undefined;
}

/**
 * Whether a call returns a promise, from the evidence there is: the checker's type when the
 * semantic layer is present, then the catalogue, an `async` declaration or `Promise` return type in
 * this file, `.then/.catch/.finally` chained on it, or `void` before it. A declared `void` return wins.
 */
export function returnsPromise(call: ts.CallExpression, sideEffect?: SideEffect, types?: TypeFacts): boolean {
  const typed = types?.returnsPromise(call);
  if (typed !== undefined) return typed;
  if (sideEffect?.entry?.returnsPromise) return true;
  const callee = sideEffect?.callee ?? calleePath(call);
  const local = callee && localFunctionOf(callee);
  if (local) {
    if (local.type) return /^(Promise|PromiseLike)\b/.test(local.type.getText());
    if ((ts.getCombinedModifierFlags(local as ts.Declaration) & ts.ModifierFlags.Async) !== 0) return true;
  }
  let parent: ts.Node = call.parent;
  while (ts.isParenthesizedExpression(parent)) parent = parent.parent;
  if (ts.isVoidExpression(parent)) return true;
  return ts.isPropertyAccessExpression(parent) && /^(then|catch|finally)$/.test(parent.name.text) && ts.isCallExpression(parent.parent);
}
