import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderConfigToml, renderHostsToml, writeContainerdConfig } from './config.ts';
import { renderCNIConflist, writeCNIConfig } from './cni-config.ts';
import { containerdPaths } from './paths.ts';

const base = { dataDir: '/d', sandboxImage: 'k8ts.io/pause:1', streamPort: 10010, cniBinDir: '/usr/lib/cni', runcPath: '/usr/sbin/runc' };

test('renderConfigToml carries the settings runtime.md requires', () => {
  const cases = [
    { name: 'root', want: 'root = "/d/containerd/root"' },
    { name: 'state', want: 'state = "/d/containerd/state"' },
    { name: 'socket', want: '  address = "/d/containerd/containerd.sock"' },
    { name: 'ttrpc', want: '  address = "/d/containerd/containerd.sock.ttrpc"' },
    { name: 'sandbox image', want: '  sandbox_image = "k8ts.io/pause:1"' },
    { name: 'oom score', want: '  restrict_oom_score_adj = true' },
    { name: 'netns', want: '  netns_mounts_under_state_dir = true' },
    { name: 'stream address', want: '  stream_server_address = "127.0.0.1"' },
    { name: 'stream port (a string in 1.6)', want: '  stream_server_port = "10010"' },
    { name: 'snapshotter', want: '  snapshotter = "overlayfs"' },
    { name: 'runc binary', want: '  BinaryName = "/usr/sbin/runc"' },
    { name: 'runc root', want: '  Root = "/d/containerd/runc"' },
    { name: 'cgroupfs', want: '  SystemdCgroup = false' },
    { name: 'cni bin', want: '  bin_dir = "/usr/lib/cni"' },
    { name: 'cni conf', want: '  conf_dir = "/d/cni/net.d"' },
    { name: 'registry', want: '  config_path = "/d/containerd/certs.d"' },
    { name: 'snapshotters off', want: '"io.containerd.snapshotter.v1.devmapper"]' },
  ];
  const toml = renderConfigToml(base);
  for (const c of cases) assert.ok(toml.split('\n').some((l) => l.includes(c.want)), `${c.name}: missing ${c.want}`);
  assert.ok(!toml.includes('runtimes.crun'));
  assert.ok(renderConfigToml({ ...base, crunPath: '/usr/bin/crun' }).includes('BinaryName = "/usr/bin/crun"'));
});

test('renderHostsToml', () => {
  const cases = [
    { name: 'docker hub', input: ['docker.io', 'http://127.0.0.1:5000'], want: 'server = "https://registry-1.docker.io"\n\n[host."http://127.0.0.1:5000"]\n  capabilities = ["pull", "resolve"]\n' },
    { name: 'other registry', input: ['quay.io', 'http://127.0.0.1:5001'], want: 'server = "https://quay.io"\n\n[host."http://127.0.0.1:5001"]\n  capabilities = ["pull", "resolve"]\n' },
    { name: 'two mirrors, in order', input: ['docker.io', 'http://127.0.0.1:7000', 'http://127.0.0.1:5000'],
      want: 'server = "https://registry-1.docker.io"\n\n[host."http://127.0.0.1:7000"]\n  capabilities = ["pull", "resolve"]\n\n[host."http://127.0.0.1:5000"]\n  capabilities = ["pull", "resolve"]\n' },
  ];
  for (const c of cases) assert.equal(renderHostsToml(c.input[0]!, c.input.slice(1)), c.want, c.name);
});

test('renderCNIConflist', () => {
  const got = JSON.parse(renderCNIConflist({ bridgeName: 'k8ts0', podCIDR: '10.250.3.0/24', mtu: 1400, ipamDataDir: '/d/cni/ipam' }));
  assert.deepEqual(got, {
    cniVersion: '1.0.0', name: 'k8ts0',
    plugins: [
      { type: 'bridge', bridge: 'k8ts0', isGateway: true, ipMasq: true, hairpinMode: true, mtu: 1400,
        ipam: { type: 'host-local', dataDir: '/d/cni/ipam', ranges: [[{ subnet: '10.250.3.0/24' }]], routes: [{ dst: '0.0.0.0/0' }] } },
      { type: 'portmap', capabilities: { portMappings: true }, snat: true },
    ],
  });
  assert.throws(() => renderCNIConflist({ bridgeName: 'a-very-long-bridge', podCIDR: '10.0.0.0/24', mtu: 1500, ipamDataDir: '/x' }), /15 bytes/);
});

test('writeContainerdConfig and writeCNIConfig write under the data dir; containerd parses the config',
  { skip: !existsSync('/usr/bin/containerd') && 'containerd not installed' }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8ts-cfg-'));
    try {
      const p = await writeContainerdConfig({ ...base, dataDir: dir, mirrors: { 'docker.io': ['http://127.0.0.1:5000'] } });
      assert.ok(readFileSync(join(p.certsDir, 'docker.io', 'hosts.toml'), 'utf8').includes('[host."http://127.0.0.1:5000"]'));
      const dump = execFileSync('containerd', ['--config', p.config, 'config', 'dump'], { encoding: 'utf8' });
      assert.match(dump, /restrict_oom_score_adj = true/);
      assert.match(dump, new RegExp(`config_path = "${join(dir, 'containerd', 'certs.d')}"`));
      const file = await writeCNIConfig(dir, 'k8tscfg0', '10.250.9.0/24', 1450);
      assert.equal(file, containerdPaths(dir).cniConflist);
      assert.equal(JSON.parse(readFileSync(file, 'utf8')).plugins[0].mtu, 1450);
      assert.ok(!existsSync(`${file}.tmp`));
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
