import { classifyFilePath } from './fileRole';

/**
 * The URL path a Route Handler file serves, with its dynamic segments as written:
 * `src/app/(ee)/api/cron/[id]/route.ts` -> `/api/cron/[id]`. Route groups and parallel `@slot`
 * folders are not part of the URL, so they are dropped. Undefined for files that are not routes.
 */
export function routePathOf(appRelativePath: string): string | undefined {
  const role = classifyFilePath(appRelativePath);
  if (!role.isRouteFile) return undefined;
  const segments = role.path.split('/');
  const underApp = segments.slice(segments[0] === 'src' ? 2 : 1, -1);
  return '/' + underApp.filter((segment) => !isRouteGroup(segment) && !segment.startsWith('@')).join('/');
}

/** `(marketing)`; not an intercepting segment such as `(.)photo`, which continues after the parenthesis. */
function isRouteGroup(segment: string): boolean {
  return /^\([^)]*\)$/.test(segment);
}

/**
 * The first of `urlPaths` (such as the cron paths of `vercel.json`) that the route serves. Segment
 * by segment: `[id]` matches any one segment, `[...slug]` one or more, `[[...slug]]` any number; a
 * trailing slash does not count.
 */
export function matchingUrlPath(routePath: string, urlPaths: readonly string[]): string | undefined {
  const pattern = segmentsOf(routePath);
  return urlPaths.find((urlPath) => segmentsMatch(pattern, segmentsOf(urlPath)));
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function segmentsMatch(pattern: readonly string[], segments: readonly string[]): boolean {
  for (let index = 0; index < pattern.length; index++) {
    const expected = pattern[index]!;
    if (/^\[\[\.\.\..+\]\]$/.test(expected)) return true;
    if (/^\[\.\.\..+\]$/.test(expected)) return segments.length > index;
    const actual = segments[index];
    if (actual === undefined) return false;
    if (!/^\[.+\]$/.test(expected) && expected !== actual) return false;
  }
  return segments.length === pattern.length;
}
