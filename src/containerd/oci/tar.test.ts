import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTar, type TarEntry } from './tar.ts';

const hasTar = (() => { try { execFileSync('tar', ['--version']); return true; } catch { return false; } })();
const long = `${'d'.repeat(60)}/${'e'.repeat(60)}/${'f'.repeat(40)}.txt`;

interface Case { name: string; input: TarEntry[]; want: { path: string; kind: 'file' | 'dir' | 'symlink'; mode?: number; content?: string; target?: string }[] }

const cases: Case[] = [
  { name: 'regular file with mode', input: [{ type: 'file', path: 'bin/run', data: '#!/bin/sh\n', mode: 0o755 }],
    want: [{ path: 'bin/run', kind: 'file', mode: 0o755, content: '#!/bin/sh\n' }] },
  { name: 'default file mode 0644', input: [{ type: 'file', path: 'a.txt', data: 'x' }],
    want: [{ path: 'a.txt', kind: 'file', mode: 0o644, content: 'x' }] },
  { name: 'directory', input: [{ type: 'dir', path: 'www', mode: 0o750 }], want: [{ path: 'www', kind: 'dir', mode: 0o750 }] },
  { name: 'symlink', input: [{ type: 'file', path: 'bin/busybox', data: 'bb', mode: 0o755 }, { type: 'symlink', path: 'bin/sh', target: 'busybox' }],
    want: [{ path: 'bin/sh', kind: 'symlink', target: 'busybox' }] },
  { name: 'long path via PAX', input: [{ type: 'file', path: long, data: 'deep' }], want: [{ path: long, kind: 'file', content: 'deep' }] },
  { name: 'long symlink target via PAX', input: [{ type: 'symlink', path: 'l', target: `/${long}` }], want: [{ path: 'l', kind: 'symlink', target: `/${long}` }] },
  { name: 'non-ASCII path', input: [{ type: 'file', path: 'héllo.txt', data: 'ü' }], want: [{ path: 'héllo.txt', kind: 'file', content: 'ü' }] },
  { name: 'exactly one block and block+1', input: [{ type: 'file', path: 'b512', data: 'a'.repeat(512) }, { type: 'file', path: 'b513', data: 'b'.repeat(513) }],
    want: [{ path: 'b512', kind: 'file', content: 'a'.repeat(512) }, { path: 'b513', kind: 'file', content: 'b'.repeat(513) }] },
  { name: 'empty file', input: [{ type: 'file', path: 'empty', data: '' }], want: [{ path: 'empty', kind: 'file', content: '' }] },
];

test('writeTar output is block-aligned and ends with two zero blocks', () => {
  const t = writeTar([{ type: 'file', path: 'a', data: 'hello' }]);
  assert.equal(t.length % 512, 0);
  assert.equal(t.length, 512 + 512 + 1024);
  assert.ok(t.subarray(t.length - 1024).every((b) => b === 0));
  assert.equal(t.subarray(257, 263).toString('latin1'), 'ustar\0');
});

test('writeTar is deterministic', () => {
  const e: TarEntry[] = [{ type: 'file', path: long, data: 'x' }];
  assert.deepEqual(writeTar(e), writeTar(e));
});

for (const c of cases) {
  test(`tar round trip: ${c.name}`, { skip: !hasTar && 'tar not installed' }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8ts-tar-'));
    try {
      const file = join(dir, 'x.tar');
      writeFileSync(file, writeTar(c.input));
      const listing = execFileSync('tar', ['-tvf', file], { encoding: 'utf8' });
      const out = join(dir, 'out');
      execFileSync('mkdir', [out]);
      execFileSync('tar', ['-xf', file, '-C', out, '--no-same-owner']);
      for (const w of c.want) {
        assert.ok(listing.includes(w.path), `listing lacks ${w.path}:\n${listing}`);
        const p = join(out, w.path);
        const st = lstatSync(p);
        if (w.kind === 'file') {
          assert.ok(st.isFile(), `${w.path} is not a file`);
          assert.equal(readFileSync(p, 'utf8'), w.content);
        } else if (w.kind === 'dir') assert.ok(st.isDirectory());
        else {
          assert.ok(st.isSymbolicLink());
          assert.equal(readlinkSync(p), w.target);
        }
        if (w.mode !== undefined) assert.equal(statSync(p).mode & 0o7777, w.mode);
      }
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
}
