import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Command } from 'commander';
import { writeOCIArchive } from '../containerd/oci/write.ts';
import { startContainerd } from '../containerd/supervisor.ts';
import { realContainerdSkip, testBridgeName } from '../containerd/testing.ts';
import { CliError } from './cli-error.ts';
import { addImageCommand, nodeSocket, table } from './cmd-image.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'k8ts-cmdimg-'));

function program(deps: Parameters<typeof addImageCommand>[1]): Command {
  const p = new Command('k8ts').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  addImageCommand(p, deps);
  return p;
}

test('image commands say to start the cluster when no server runs', async () => {
  const dir = tmp();
  try {
    await assert.rejects(nodeSocket(dir), (e: Error) => e instanceof CliError && /start the cluster with "k8ts up"/.test(e.message));
    const f = join(dir, 'a.tar');
    writeFileSync(f, 'x');
    for (const argv of [['image', 'load', f, '--data-dir', dir], ['image', 'ls', '--data-dir', dir]]) {
      await assert.rejects(program({}).parseAsync(argv, { from: 'user' }), /start the cluster with "k8ts up"/, argv.join(' '));
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('image load: usage errors before touching the node', async () => {
  const cases = [
    { name: 'no files', argv: ['image', 'load'], want: /missing required argument/ },
    { name: 'missing file', argv: ['image', 'load', '/nonexistent/x.tar'], want: /\/nonexistent\/x\.tar: no such file/ },
  ];
  for (const c of cases) {
    let asked = false;
    await assert.rejects(program({ socket: async () => { asked = true; return '/nope'; } }).parseAsync(c.argv, { from: 'user' }), c.want, c.name);
    assert.equal(asked, false, `${c.name}: no socket lookup`);
  }
});

test('table pads columns to the widest cell', () => {
  assert.deepEqual(table(['REF', 'SIZE', 'ID'], [['docker.io/library/a:1', '1.0 MB', 'abc'], ['b', '12 B', 'def']]), [
    'REF                     SIZE     ID',
    'docker.io/library/a:1   1.0 MB   abc',
    'b                       12 B     def',
  ]);
});

test('image load and ls against a real containerd', { skip: realContainerdSkip(), timeout: 120_000 }, async () => {
  const dir = tmp();
  const c = await startContainerd({ dataDir: dir, bridgeName: testBridgeName('k8tsci'), log: () => {} });
  try {
    const good = join(dir, 'good.tar.gz');
    const archive = join(dir, 'good.tar');
    await writeOCIArchive({ ref: 'docker.io/library/clifoo:1.0', layers: [{ entries: [{ type: 'file', path: 'f', data: 'x' }] }], config: {} }, archive);
    writeFileSync(good, gzipSync(readFileSync(archive)));
    const bad = join(dir, 'bad.tar');
    await writeOCIArchive({ ref: '2.0', layers: [{ entries: [{ type: 'file', path: 'f', data: 'y' }] }], config: {} }, bad);
    const out: string[] = [];
    const err: string[] = [];
    const deps = { socket: async () => c.socket, out: (l: string) => out.push(l), err: (l: string) => err.push(l) };

    await assert.rejects(program(deps).parseAsync(['image', 'load', good, bad, '--data-dir', dir], { from: 'user' }), /1 of 2 archives not loaded/);
    assert.match(out.find((l) => l.startsWith('✓')) ?? '', /^✓ loaded docker\.io\/library\/clifoo:1\.0 \(\d+(\.\d)? [kM]?B, \d+ ms\)$/);
    assert.match(err.join('\n'), /only by the tag "2\.0".*--repo/);

    out.length = 0;
    await program(deps).parseAsync(['image', 'load', '--repo', 'docker.io/library/tagged', bad, '--data-dir', dir], { from: 'user' });
    assert.match(out.join('\n'), /✓ loaded docker\.io\/library\/tagged:2\.0/);

    out.length = 0;
    await program(deps).parseAsync(['image', 'ls', '--data-dir', dir], { from: 'user' });
    assert.match(out[0]!, /^REF\s+SIZE\s+ID$/);
    const refs = out.slice(1).map((l) => l.split(/\s+/)[0]!);
    assert.deepEqual(refs, [...refs].sort((a, b) => a.localeCompare(b)), 'sorted');
    for (const r of ['docker.io/library/clifoo:1.0', 'docker.io/library/tagged:2.0', 'k8ts.io/pause:1']) assert.ok(refs.includes(r), r);
    assert.match(out.find((l) => l.startsWith('docker.io/library/clifoo:1.0'))!, /\s[0-9a-f]{12}$/);
  } finally {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
