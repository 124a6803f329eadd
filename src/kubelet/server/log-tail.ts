/**
 * Where the last N lines of a log file start, counted in file lines (partial `P` lines count
 * too), as k8s.io/kubernetes/pkg/util/tail (FindTailLineStartIndex) does: the result leaves
 * exactly N newlines after it, or is 0 when the file has no more than N.
 */
import type { FileHandle } from 'node:fs/promises';

const BLOCK = 64 * 1024;
const NL = 0x0a;

/** Pure: the index in `buf` after which exactly `n` newlines remain (0 if there are fewer). */
export function tailStart(buf: Buffer, n: number): number {
  if (n < 0) return 0;
  let count = 0;
  for (let i = buf.length - 1; i >= 0; i--) {
    if (buf[i] !== NL) continue;
    if (count === n) return i + 1;
    count++;
  }
  return 0;
}

/** The same over a file, reading blocks from the end. */
export async function fileTailStart(fh: FileHandle, n: number): Promise<number> {
  if (n < 0) return 0;
  const size = (await fh.stat()).size;
  let count = 0;
  const buf = Buffer.alloc(BLOCK);
  for (let right = size; right > 0; right -= BLOCK) {
    const left = Math.max(0, right - BLOCK);
    const { bytesRead } = await fh.read(buf, 0, right - left, left);
    for (let i = bytesRead - 1; i >= 0; i--) {
      if (buf[i] !== NL) continue;
      if (count === n) return left + i + 1;
      count++;
    }
  }
  return 0;
}
