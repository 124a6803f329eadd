/**
 * containerd's config.toml (1.6, config version 2) and the registry `hosts.toml` mirrors,
 * with the settings docs/runtime.md measured as working on our machines (root without
 * CAP_SYS_RESOURCE, no systemd, no internet). Config reference:
 * https://github.com/containerd/containerd/blob/v1.6.20/docs/cri/config.md
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { containerdPaths, type ContainerdPaths } from './paths.ts';

export interface ContainerdConfigOptions {
  dataDir: string;
  sandboxImage: string;
  streamPort: number;
  cniBinDir: string;
  runcPath: string;
  /** Registered as a second runtime handler (a RuntimeClass) when given. */
  crunPath?: string;
}

/** TOML basic strings accept JSON's escapes for everything we write. */
const q = (s: string): string => JSON.stringify(s);

export function renderConfigToml(o: ContainerdConfigOptions): string {
  const p = containerdPaths(o.dataDir);
  const cri = 'plugins."io.containerd.grpc.v1.cri"';
  const runtime = (name: string, bin: string) => [
    `[${cri}.containerd.runtimes.${name}]`,
    `  runtime_type = "io.containerd.runc.v2"`,
    `[${cri}.containerd.runtimes.${name}.options]`,
    `  BinaryName = ${q(bin)}`,
    `  Root = ${q(join(p.dir, name))}`,
    // No systemd on these machines: runc manages cgroupfs directly.
    `  SystemdCgroup = false`,
  ];
  return [
    'version = 2',
    `root = ${q(p.root)}`,
    `state = ${q(p.state)}`,
    // These snapshotters cannot work here and only log errors at every start.
    'disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]',
    '',
    '[grpc]', `  address = ${q(p.socket)}`,
    '[ttrpc]', `  address = ${q(p.ttrpcSocket)}`,
    '[debug]', '  address = ""',
    '[metrics]', '  address = ""',
    '',
    // The opt plugin would otherwise create /opt/containerd.
    `[plugins."io.containerd.internal.v1.opt"]`, `  path = ${q(p.optDir)}`,
    '',
    `[${cri}]`,
    `  sandbox_image = ${q(o.sandboxImage)}`,
    // Without CAP_SYS_RESOURCE the sandbox's oom_score_adj of -998 fails ("can't get final child's PID from pipe").
    '  restrict_oom_score_adj = true',
    // Otherwise netns pins go to the host's /var/run/netns.
    '  netns_mounts_under_state_dir = true',
    '  stream_server_address = "127.0.0.1"',
    `  stream_server_port = ${q(String(o.streamPort))}`,
    '  enable_tls_streaming = false',
    `[${cri}.containerd]`,
    '  snapshotter = "overlayfs"',
    '  default_runtime_name = "runc"',
    ...runtime('runc', o.runcPath),
    ...(o.crunPath ? runtime('crun', o.crunPath) : []),
    `[${cri}.cni]`,
    `  bin_dir = ${q(o.cniBinDir)}`,
    `  conf_dir = ${q(p.cniConfDir)}`,
    '  max_conf_num = 1',
    `[${cri}.registry]`,
    `  config_path = ${q(p.certsDir)}`,
    '',
  ].join('\n');
}

/** The upstream a registry host name stands for (Docker Hub's API host is not its name). */
export function registryServer(registry: string): string {
  return registry === 'docker.io' ? 'https://registry-1.docker.io' : `https://${registry}`;
}

/**
 * `certs.d/<registry>/hosts.toml`: try the mirrors in order for pulls and resolves, then
 * upstream (containerd moves on to the next host when one answers 404 or fails).
 */
export function renderHostsToml(registry: string, mirrors: readonly string[]): string {
  return [
    `server = ${q(registryServer(registry))}`,
    '',
    ...mirrors.flatMap((m) => [`[host.${q(m)}]`, '  capabilities = ["pull", "resolve"]', '']),
  ].join('\n');
}

export function findBinary(names: string[], dirs = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin', '/sbin', '/bin']): string | undefined {
  for (const d of dirs) for (const n of names) if (existsSync(join(d, n))) return join(d, n);
  return undefined;
}

/** Writes config.toml and the mirrors' hosts.toml files; creates the directories containerd expects. */
export async function writeContainerdConfig(o: ContainerdConfigOptions & { mirrors?: Record<string, readonly string[]> }): Promise<ContainerdPaths> {
  const p = containerdPaths(o.dataDir);
  for (const d of [p.dir, p.certsDir, p.cniConfDir, p.cniIpamDir]) await mkdir(d, { recursive: true });
  await writeFile(p.config, renderConfigToml(o));
  for (const [registry, mirrors] of Object.entries(o.mirrors ?? {})) {
    await mkdir(join(p.certsDir, registry), { recursive: true });
    await writeFile(join(p.certsDir, registry, 'hosts.toml'), renderHostsToml(registry, mirrors));
  }
  return p;
}
