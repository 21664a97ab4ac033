import { collectFileFacts, describeContextKind, type AfterCall, type FileFacts } from '../facts/fileFacts';
import { parseNextVersion } from '../nextVersion';
import { parseSource } from '../parse';
import type { AnalysisInput } from '../types';
import { segmentConfigOf, type SegmentConfig } from './segmentConfig';

export interface AfterHover {
  markdown: string;
  /** The callee the hover belongs to (`after`, `server.after`). */
  start: number;
  end: number;
}

/** What the callback of the `after()` (or `unstable_after()`) call under the cursor does in this file's context. */
export function afterHoverAt(input: AnalysisInput, offset: number): AfterHover | undefined {
  const facts = collectFileFacts(parseSource(input.appRelativePath, input.text), input.appRelativePath, parseNextVersion(input.nextVersion));
  if (input.served) facts.serve(input.served);
  const after = facts.afterCalls.find((candidate) => {
    const callee = candidate.call.expression;
    return callee.getStart(facts.sourceFile) <= offset && offset <= callee.getEnd();
  });
  if (!after) return undefined;
  const callee = after.call.expression;
  return { markdown: describeAfter(facts, after), start: callee.getStart(facts.sourceFile), end: callee.getEnd() };
}

function describeAfter(facts: FileFacts, after: AfterCall): string {
  const kind = after.context.kind;
  const config = segmentConfigOf(facts.sourceFile);
  const served = after.context.served;
  const where = kind === 'unknown' ? `\`${facts.role.path}\`, a module that is not a request scope by itself` : served ? served.description : `a ${facts.describeContext(kind)}`;
  const lines = [`**\`${after.api}()\`** in ${where}`, ''];
  lines.push(`- ${served?.route && kind === 'route-handler' ? `The callback runs once the response of the Route Handler \`${served.route}\` has been sent.` : whenItRuns(kind, config)}`);
  lines.push(`- ${requestApis(kind)}`);
  lines.push(
    config.maxDuration !== undefined
      ? `- It counts against this route's \`maxDuration\` (${config.maxDuration} s): work still running then is stopped.`
      : "- It counts against the route's `maxDuration` (the platform's default, as this file exports none): work still running then is stopped.",
  );
  lines.push('- It runs even when the response fails, redirects or is a 404, and its errors never reach the response: keep work the response depends on out of it.');
  if (after.outermost !== after) lines.push('- It is nested in another `after()` and keeps the context of the outermost one.');
  return lines.join('\n');
}

function whenItRuns(kind: AfterCall['context']['kind'], config: SegmentConfig): string {
  switch (kind) {
    case 'route-handler':
      return config.dynamic === 'force-static'
        ? "The callback runs once the response has been sent; this route is prerendered (`dynamic = 'force-static'`), so that is at build time or when it is revalidated."
        : 'The callback runs once the response has been sent.';
    case 'server-action':
      return "The callback runs once the action's response has been sent.";
    case 'middleware':
      return "The callback runs once the middleware's response has been sent.";
    case 'server-component':
      return `The callback runs once rendering is finished and the response has been sent. ${staticRendering(config)}`;
    case 'client':
    case 'pages-router':
      return `\`after()\` is not available in a ${describeContextKind(kind)}: it never runs here.`;
    default:
      return 'The callback runs once the response (or prerender) of the request that called this function is finished.';
  }
}

function staticRendering(config: SegmentConfig): string {
  if (config.dynamic === 'force-dynamic' || config.revalidate === '0') return 'This page renders on every request (its segment config says so), so it runs once per request.';
  if (config.dynamic === 'force-static' || config.revalidate !== undefined) {
    const every = config.revalidate && config.revalidate !== 'false' ? ` (at most every ${config.revalidate} s)` : '';
    return `This page is prerendered: it runs at build time and when the page is revalidated${every}, not on every request.`;
  }
  return 'In a statically rendered page that is at build time or when the page is revalidated, not on every request.';
}

function requestApis(kind: AfterCall['context']['kind']): string {
  switch (kind) {
    case 'route-handler':
    case 'server-action':
    case 'middleware':
      return '`cookies()` and `headers()` may be read inside the callback here.';
    case 'server-component':
      return '`cookies()`, `headers()` and `connection()` may **not** be called inside: read them before `after()` and use the values inside.';
    case 'client':
    case 'pages-router':
      return 'Move the work to a Server Action or a Route Handler.';
    default:
      return 'Whether `cookies()` and `headers()` may be read inside depends on the caller: yes from a Route Handler, Server Action or Middleware, no from a Server Component.';
  }
}
