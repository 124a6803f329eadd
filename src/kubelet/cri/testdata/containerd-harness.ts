// Test-only: a private containerd (own root, state, socket, CNI config) and
// tiny OCI images built from static binaries, per shared/docs/runtime.md.
// Never touches the system containerd or /var/lib/containerd.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectCRI } from '../client.ts';

export const CNI_BIN_DIRS = ['/usr/lib/cni', '/opt/cni/bin'];

const which = (b: string) => {
  try { return execFileSync('sh', ['-c', `command -v ${b}`], { encoding: 'utf8' }).trim() || undefined; } catch { return undefined; }
};

/** Why a real-containerd test cannot run here, or undefined when it can. */
export function skipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root';
  for (const b of ['containerd', 'ctr', 'runc', 'busybox', 'catatonit', 'tar', 'ip']) if (!which(b)) return `missing binary ${b}`;
  if (!cniBinDir()) return 'missing CNI plugins (bridge, host-local)';
  return undefined;
}

export const cniBinDir = () => CNI_BIN_DIRS.find((d) => existsSync(join(d, 'bridge')) && existsSync(join(d, 'host-local')));

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Writes an OCI image-layout archive at `out` holding one single-layer image
 * named `ref`: each file copied from the host, plus symlinks (e.g. busybox applets).
 */
export function buildOciArchive(work: string, out: string, ref: string, files: Record<string, string>,
  links: Record<string, string>, config: object): void {
  const root = join(work, 'rootfs');
  const layout = join(work, 'layout');
  const blobs = join(layout, 'blobs', 'sha256');
  mkdirSync(blobs, { recursive: true });
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(join(root, to, '..'), { recursive: true });
    copyFileSync(from, join(root, to));
  }
  for (const [to, target] of Object.entries(links)) {
    mkdirSync(join(root, to, '..'), { recursive: true });
    symlinkSync(target, join(root, to));
  }
  mkdirSync(join(root, 'tmp'), { recursive: true });
  const layerPath = join(work, 'layer.tar');
  execFileSync('tar', ['--owner=0', '--group=0', '--numeric-owner', '-C', root, '-cf', layerPath, '.']);
  const blob = (data: Buffer) => { const h = sha(data); writeFileSync(join(blobs, h), data); return { digest: `sha256:${h}`, size: data.length }; };
  const layer = blob(readFileSync(layerPath));
  const cfg = blob(Buffer.from(JSON.stringify({
    architecture: 'amd64', os: 'linux', config,
    rootfs: { type: 'layers', diff_ids: [layer.digest] },
  })));
  const manifest = blob(Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...cfg },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layer }],
  })));
  writeFileSync(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(join(layout, 'index.json'), JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{
      mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest,
      annotations: { 'org.opencontainers.image.ref.name': ref },
    }],
  }));
  execFileSync('tar', ['-C', layout, '-cf', out, '.']);
}

export interface Containerd { sock: string; proc: ChildProcess; stop(): Promise<void> }

/** Writes config.toml and a bridge CNI conflist under `d`, starts containerd and waits until CRI answers. */
export async function startContainerd(d: string, o: { pauseImage: string; subnet: string; bridge: string; streamPort: number }): Promise<Containerd> {
  const c = join(d, 'containerd');
  const sock = join(c, 'containerd.sock');
  const netd = join(d, 'cni', 'net.d');
  mkdirSync(netd, { recursive: true });
  mkdirSync(join(c, 'certs.d'), { recursive: true });
  writeFileSync(join(netd, '10-test.conflist'), JSON.stringify({
    cniVersion: '1.0.0', name: `net-${o.bridge}`,
    plugins: [{
      type: 'bridge', bridge: o.bridge, isGateway: true, ipMasq: false, hairpinMode: true,
      ipam: { type: 'host-local', ranges: [[{ subnet: o.subnet }]], dataDir: join(d, 'cni', 'ipam') },
    }],
  }));
  const runc = which('runc')!;
  writeFileSync(join(c, 'config.toml'), `version = 2
root = "${c}/root"
state = "${c}/state"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]
[grpc]
  address = "${sock}"
[ttrpc]
  address = "${sock}.ttrpc"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${o.pauseImage}"
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "${o.streamPort}"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        BinaryName = "${runc}"
        Root = "${c}/runc"
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "${cniBinDir()}"
    conf_dir = "${netd}"
    max_conf_num = 1
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "${c}/certs.d"
`);
  const log = openSync(join(d, 'containerd.log'), 'a');
  const proc = spawn('containerd', ['--config', join(c, 'config.toml')], { stdio: ['ignore', log, log], detached: true });
  const exited = new Promise<void>((res) => proc.once('exit', () => res()));
  const deadline = Date.now() + 20_000;
  // A fresh channel per probe: grpc-js backs off ~1 s before redialling a channel that failed once.
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`containerd exited ${proc.exitCode}; see ${d}/containerd.log`);
    if (existsSync(sock)) {
      const probe = connectCRI(sock, { timeoutMs: 1_000 });
      const ok = await probe.runtime.version({}).then(() => true, () => false);
      probe.close();
      if (ok) break;
    }
    if (Date.now() > deadline) throw new Error(`containerd did not answer CRI Version; see ${d}/containerd.log`);
    await new Promise((r) => setTimeout(r, 20)); // poll interval, not synchronisation
  }
  return {
    sock, proc,
    async stop() {
      if (proc.exitCode !== null) return;
      process.kill(proc.pid!, 'SIGTERM');
      const t = setTimeout(() => { try { process.kill(proc.pid!, 'SIGKILL'); } catch { /* gone */ } }, 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** `ctr images import` into the CRI namespace of our containerd. */
export function importImage(sock: string, archive: string): void {
  execFileSync('ctr', ['--address', sock, '-n', 'k8s.io', 'images', 'import', archive], { stdio: 'pipe' });
}
