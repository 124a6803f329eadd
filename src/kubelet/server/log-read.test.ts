import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLogs } from './log-read.ts';
import type { LogOptions } from './log-options.ts';

const base: LogOptions = { follow: false, previous: false, timestamps: false, tail: -1, bytes: -1, since: 0n };
const FILE = [
  '2026-01-01T00:00:01Z stdout F one',
  '2026-01-01T00:00:02Z stdout P tw',
  '2026-01-01T00:00:03Z stdout F o',
  'not a cri line',
  '2026-01-01T00:00:04Z stderr F three',
  '2026-01-01T00:00:05Z stdout F four',
].join('\n') + '\n';

test('readLogs applies tail, limits and parsing over a file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'logs-'));
  const f = join(dir, '0.log');
  await writeFile(f, FILE);
  const cases = [
    { name: 'all', input: { ...base }, want: 'one\ntwo\nthree\nfour\n' },
    { name: 'tail counts file lines', input: { ...base, tail: 2 }, want: 'three\nfour\n' },
    { name: 'tail through a partial line', input: { ...base, tail: 5 }, want: 'two\nthree\nfour\n' },
    { name: 'tail 0', input: { ...base, tail: 0 }, want: '' },
    { name: 'limitBytes', input: { ...base, bytes: 6 }, want: 'one\ntw' },
    { name: 'timestamps', input: { ...base, tail: 1, timestamps: true }, want: '2026-01-01T00:00:05Z four\n' },
    { name: 'since', input: { ...base, since: BigInt(Date.parse('2026-01-01T00:00:04Z')) * 1_000_000n }, want: 'three\nfour\n' },
  ];
  try {
    for (const c of cases) {
      const out: Buffer[] = [];
      await readLogs(f, c.input, { write: (b) => { out.push(b); }, signal: new AbortController().signal, exited: async () => true });
      assert.equal(Buffer.concat(out).toString(), c.want, c.name);
    }
  } finally { await rm(dir, { recursive: true }); }
});

test('readLogs prints an unfinished last line unless following', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'logs-'));
  const f = join(dir, '0.log');
  await writeFile(f, '2026-01-01T00:00:01Z stdout F one\n2026-01-01T00:00:02Z stdout F half');
  try {
    const out: Buffer[] = [];
    await readLogs(f, base, { write: (b) => { out.push(b); }, signal: new AbortController().signal, exited: async () => true });
    assert.equal(Buffer.concat(out).toString(), 'one\nhalf');
    out.length = 0;
    await readLogs(f, { ...base, follow: true }, { write: (b) => { out.push(b); }, signal: new AbortController().signal, exited: async () => true });
    assert.equal(Buffer.concat(out).toString(), 'one\n');
  } finally { await rm(dir, { recursive: true }); }
});

test('readLogs follows appends and rotation, ends when the container exits', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'logs-'));
  const f = join(dir, '0.log');
  await writeFile(f, '2026-01-01T00:00:01Z stdout F one\n');
  let exited = false;
  let text = '';
  let wake: () => void = () => {};
  const seen = (s: string) => new Promise<void>((r) => { wake = () => { if (text.includes(s)) r(); }; wake(); });
  const done = readLogs(f, { ...base, follow: true }, {
    write: (b) => { text += b.toString(); wake(); }, signal: new AbortController().signal, exited: async () => exited, pollMs: 20,
  });
  try {
    await seen('one\n');
    await appendFile(f, '2026-01-01T00:00:02Z stdout F two\n');
    await seen('two\n');
    // Rotation: the file is renamed away and a new one takes its name.
    await rename(f, `${f}.20260101-000003`);
    await writeFile(f, '2026-01-01T00:00:03Z stdout F three\n');
    await seen('three\n');
    await appendFile(f, '2026-01-01T00:00:04Z stdout F four\n');
    exited = true;
    await done;
    assert.equal(text, 'one\ntwo\nthree\nfour\n');
  } finally { exited = true; await done; await rm(dir, { recursive: true }); }
});
