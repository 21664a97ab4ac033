/**
 * The camelCase words of a name, lower-cased: `sendDomainTransferredEmail` -> send, domain,
 * transferred, email; `sendOTPCode` -> send, otp, code; `login` stays one word.
 */
export function camelWords(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((word) => word.toLowerCase());
}

const compiledGlobs = new Map<string, RegExp>();

/** A callee glob: `*` matches within one dotted segment, `**` across segments. */
export function globMatches(glob: string, path: string): boolean {
  let pattern = compiledGlobs.get(glob);
  if (!pattern) {
    const source = glob
      .split('**')
      .map((part) => part.split('*').map((text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^.]*'))
      .join('.*');
    pattern = new RegExp(`^${source}$`);
    compiledGlobs.set(glob, pattern);
  }
  return pattern.test(path);
}
