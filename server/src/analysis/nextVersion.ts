import * as semver from 'semver';

/**
 * The app's Next.js version, as the lowest version its `next` dependency allows. `undefined` means
 * unknown (`latest`, `canary`, `workspace:*`, a git URL), which the rules treat as the newest.
 */
export type NextVersion = semver.SemVer | undefined;

const parsed = new Map<string, NextVersion>();

export function parseNextVersion(spec: string | undefined): NextVersion {
  if (!spec) return undefined;
  // Every file of an app has the same spec: parse it once.
  if (parsed.has(spec)) return parsed.get(spec);
  let lowest: NextVersion;
  try {
    lowest = semver.minVersion(spec.trim()) ?? undefined;
  } catch {
    lowest = undefined;
  }
  parsed.set(spec, lowest);
  return lowest;
}

/**
 * Whether the app's Next.js is at least `minimum`. Prereleases count as their release
 * (`15.1.0-canary.3` is 15.1), because canaries ship the API before the release does.
 */
export function nextAtLeast(version: NextVersion, minimum: string): boolean {
  if (!version) return true;
  const release = `${version.major}.${version.minor}.${version.patch}`;
  return semver.gte(release, minimum);
}

/** `15.0.3` for messages; `unknown` when the version could not be read. */
export function describeNextVersion(version: NextVersion): string {
  return version ? version.version : 'unknown';
}
