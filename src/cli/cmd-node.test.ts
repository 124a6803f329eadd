import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { startAPIServer, type RunningAPIServer } from '../apiserver/server.ts';
import { addNodeCommand, nodeReadiness, nodeTable } from './cmd-node.ts';
import { CliError } from './cli-error.ts';

let srv: RunningAPIServer;
let dir: string;
let port: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'k8ts-node-cli-'));
  srv = await startAPIServer({ dataDir: dir, bindAddress: '127.0.0.1', port: 0, datastore: 'memory:' });
  port = String((srv.server.address() as { port: number }).port);
});
after(async () => { await srv.close(); rmSync(dir, { recursive: true, force: true }); });

/** Runs `k8ts node …` in-process against the test server; answers the lines printed. */
async function k8tsNode(...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const program = new Command('k8ts').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  addNodeCommand(program, (l) => lines.push(l));
  await program.parseAsync(['node', ...args, '--data-dir', dir, '--api-port', port], { from: 'user' });
  return lines;
}

test('node add --simulated --count 2, then ls, stop, start', async () => {
  assert.deepEqual(await k8tsNode('add', '--simulated', '--count', '2', '--cpu', '2', '--memory', '4Gi'), [
    'node/sim-1 created (simulated, 172.30.0.2)', 'node/sim-2 created (simulated, 172.30.0.3)',
  ]);
  assert.deepEqual(await k8tsNode('add', '--simulated', '--name', 'edge'), ['node/edge created (simulated, 172.30.0.4)']);
  const ls = await k8tsNode('ls');
  assert.match(ls[0], /^NAME\s+STATUS\s+TYPE\s+HEARTBEATS\s+POD-CIDR\s+INTERNAL-IP$/);
  assert.deepEqual(ls.slice(1).map((l) => l.split(/\s+/)), [
    ['edge', 'Ready', 'simulated', 'running', '<none>', '172.30.0.4'],
    ['sim-1', 'Ready', 'simulated', 'running', '<none>', '172.30.0.2'],
    ['sim-2', 'Ready', 'simulated', 'running', '<none>', '172.30.0.3'],
  ]);
  assert.match((await k8tsNode('stop', 'sim-2'))[0], /^node\/sim-2 heartbeats stopped/);
  assert.deepEqual((await k8tsNode('ls'))[3].split(/\s+/).slice(0, 4), ['sim-2', 'Ready', 'simulated', 'stopped']);
  assert.deepEqual(await k8tsNode('start', 'sim-2'), ['node/sim-2 heartbeats resumed']);
  assert.deepEqual((await k8tsNode('ls'))[3].split(/\s+/).slice(0, 4), ['sim-2', 'Ready', 'simulated', 'running']);
});

test('node errors are one-line CliErrors', async () => {
  const cases = [
    { name: 'not simulated', input: ['add'], want: /only simulated nodes can be added/ },
    { name: 'unknown node', input: ['stop', 'nope'], want: /node "nope" not found/ },
    { name: 'name and count', input: ['add', '--simulated', '--name', 'x', '--count', '2'], want: /--name names one node/ },
  ];
  for (const c of cases) await assert.rejects(k8tsNode(...c.input), (e) => e instanceof CliError && c.want.test(e.message), c.name);
  await assert.rejects(k8tsNode('add', '--simulated', '--cpu', 'lots'), /cpu/, 'bad quantity is a usage error');
});

test('nodeReadiness and nodeTable', () => {
  const n = (name: string, ready?: string, unschedulable?: boolean): Node => ({
    metadata: { name }, spec: { unschedulable, podCIDR: '10.244.0.0/24' },
    status: { conditions: ready ? [{ type: 'Ready', status: ready }] : [] },
  });
  const cases = [
    { name: 'ready', input: n('a', 'True'), want: 'Ready' },
    { name: 'not ready', input: n('a', 'False'), want: 'NotReady' },
    { name: 'unknown', input: n('a', 'Unknown'), want: 'Unknown' },
    { name: 'no condition', input: n('a'), want: 'Unknown' },
    { name: 'cordoned', input: n('a', 'True', true), want: 'Ready,SchedulingDisabled' },
  ];
  for (const c of cases) assert.equal(nodeReadiness(c.input), c.want, c.name);
  assert.deepEqual(nodeTable([n('node-10', 'True'), n('node-9', 'False')]).map((l) => l.split(/\s+/)[0]), ['NAME', 'node-9', 'node-10']);
  assert.deepEqual(nodeTable([n('host', 'True')])[1].split(/\s+/), ['host', 'Ready', 'real', '-', '10.244.0.0/24', '<none>']);
});
