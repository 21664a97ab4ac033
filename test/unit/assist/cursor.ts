/** The cursor in a test source: `‸` marks it (a character no test source otherwise uses). */
export function withCursor(source: string): { text: string; offset: number } {
  const offset = source.indexOf('‸');
  if (offset < 0 || source.indexOf('‸', offset + 1) >= 0) throw new Error('a test source needs exactly one ‸');
  return { text: source.slice(0, offset) + source.slice(offset + 1), offset };
}
