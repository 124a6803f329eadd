/** The value crash-child.ts writes for (key, seq), so the parent can check it after the crash. */
export function crashValue(key: string, seq: number): string {
  return JSON.stringify({ key, seq, pad: 'p'.repeat(200 + (seq % 97)) });
}
