/** What kind of work a side effect is; messages name it ("Awaiting this analytics call ..."). */
export type SideEffectCategory = 'analytics' | 'logging' | 'audit' | 'notification' | 'cache';

export interface CatalogueEntry {
  /** The package the callee comes from; `*` matches one path segment (`@sentry/*`). */
  module: string;
  /**
   * The callee path below what was imported, or below a client created from it
   * (`new Resend()` then `.emails.send`): `track`, `capture*`, `people.*`.
   */
  callee: string;
  category: SideEffectCategory;
  /** The call returns a promise (evidence for the floating rules). */
  returnsPromise: boolean;
  /** Only a side effect when awaited (`captureException` is sync but often awaited by mistake). */
  onlyWhenAwaited?: boolean;
}

/** Known SDK calls. Adding an SDK is one line. */
export const CATALOGUE: readonly CatalogueEntry[] = [
  { module: '@vercel/analytics/server', callee: 'track', category: 'analytics', returnsPromise: true },
  { module: 'posthog-node', callee: 'capture*', category: 'analytics', returnsPromise: false },
  { module: 'posthog-node', callee: 'flush', category: 'analytics', returnsPromise: true },
  { module: 'posthog-node', callee: 'shutdown', category: 'analytics', returnsPromise: true },
  { module: '@segment/analytics-node', callee: 'track', category: 'analytics', returnsPromise: false },
  { module: '@segment/analytics-node', callee: 'identify', category: 'analytics', returnsPromise: false },
  { module: '@segment/analytics-node', callee: 'page', category: 'analytics', returnsPromise: false },
  { module: '@segment/analytics-node', callee: 'closeAndFlush', category: 'analytics', returnsPromise: true },
  { module: 'mixpanel', callee: 'track', category: 'analytics', returnsPromise: false },
  { module: 'mixpanel', callee: 'people.*', category: 'analytics', returnsPromise: false },
  { module: 'resend', callee: 'emails.send', category: 'notification', returnsPromise: true },
  { module: 'nodemailer', callee: 'sendMail', category: 'notification', returnsPromise: true },
  { module: '@slack/web-api', callee: 'chat.postMessage', category: 'notification', returnsPromise: true },
  { module: '@sentry/*', callee: 'flush', category: 'logging', returnsPromise: true },
  { module: '@sentry/*', callee: 'captureException', category: 'logging', returnsPromise: false, onlyWhenAwaited: true },
  { module: 'next-axiom', callee: 'flush', category: 'logging', returnsPromise: true },
  { module: '@axiomhq/*', callee: 'flush', category: 'logging', returnsPromise: true },
  { module: 'pino', callee: 'flush', category: 'logging', returnsPromise: false },
  { module: 'winston', callee: 'flush', category: 'logging', returnsPromise: false },
];
