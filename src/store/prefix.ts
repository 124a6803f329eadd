/**
 * Key-range helpers shared by the backends. A prefix `p` covers the half-open range
 * [p, prefixEnd(p)), which lets SQL use an index range scan instead of LIKE.
 */

/** The smallest string greater than every string that starts with `prefix`. */
export function prefixEnd(prefix: string): string {
  // '' means "every key": U+10FFFF sorts after any key we store (keys are ASCII paths).
  if (prefix === '') return '\u{10FFFF}';
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}
