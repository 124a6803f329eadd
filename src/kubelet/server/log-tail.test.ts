import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileTailStart, tailStart } from './log-tail.ts';

const cases = [
  { name: 'last two of three', input: { text: 'a\nb\nc\n', n: 2 }, want: 2 },
  { name: 'zero lines is the end', input: { text: 'a\nb\n', n: 0 }, want: 4 },
  { name: 'more than there are', input: { text: 'a\nb\n', n: 5 }, want: 0 },
  { name: 'exactly all', input: { text: 'a\nb\n', n: 2 }, want: 0 },
  { name: 'negative is everything', input: { text: 'a\nb\n', n: -1 }, want: 0 },
  { name: 'unfinished last line counts with the one before', input: { text: 'a\nb\nc', n: 1 }, want: 2 },
  { name: 'empty', input: { text: '', n: 3 }, want: 0 },
];

test('tailStart finds where the last n lines begin', () => {
  for (const c of cases) assert.equal(tailStart(Buffer.from(c.input.text), c.input.n), c.want, c.name);
});

test('fileTailStart agrees on files, across read blocks', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tail-'));
  try {
    const big = 'x'.repeat(70_000) + '\n' + 'y'.repeat(70_000) + '\nz\n';
    for (const c of [...cases, { name: 'big file', input: { text: big, n: 2 }, want: 70_001 }]) {
      const f = join(dir, 'f');
      await writeFile(f, c.input.text);
      const fh = await open(f);
      try { assert.equal(await fileTailStart(fh, c.input.n), c.want, c.name); } finally { await fh.close(); }
    }
  } finally { await rm(dir, { recursive: true }); }
});
