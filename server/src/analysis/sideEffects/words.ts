/**
 * The camelCase words of a name, lower-cased: `sendDomainTransferredEmail` -> send, domain,
 * transferred, email; `sendOTPCode` -> send, otp, code; `login` stays one word.
 */
export function camelWords(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((word) => word.toLowerCase());
}

/** A callee glob: `*` matches within one dotted segment, `**` across segments. */
export function globMatches(glob: string, path: string): boolean {
  const pattern = glob
    .split('**')
    .map((part) => part.split('*').map((text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^.]*'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(path);
}
