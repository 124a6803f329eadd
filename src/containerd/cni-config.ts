/**
 * The CNI network for pods: one bridge per node with host-local IPAM over the node's podCIDR,
 * then portmap for hostPort. containerd adds loopback itself. The podCIDR is known only once
 * the Node is registered, so the conflist is written late; containerd watches conf_dir and
 * picks it up (and reports NetworkReady=false until then).
 * Plugins: https://www.cni.dev/plugins/current/main/bridge/ , .../meta/portmap/
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { containerdPaths } from './paths.ts';

export interface CNIOptions {
  /** Linux bridge name, at most 15 bytes. */
  bridgeName: string;
  podCIDR: string;
  mtu: number;
  ipamDataDir: string;
  /** The network's name; libcni keys its result cache by it. */
  name?: string;
}

export function renderCNIConflist(o: CNIOptions): string {
  if (Buffer.byteLength(o.bridgeName) > 15) throw new Error(`bridge name ${o.bridgeName} is longer than 15 bytes`);
  return JSON.stringify({
    cniVersion: '1.0.0',
    name: o.name ?? o.bridgeName,
    plugins: [
      {
        type: 'bridge', bridge: o.bridgeName, isGateway: true, ipMasq: true, hairpinMode: true, mtu: o.mtu,
        ipam: { type: 'host-local', dataDir: o.ipamDataDir, ranges: [[{ subnet: o.podCIDR }]], routes: [{ dst: '0.0.0.0/0' }] },
      },
      { type: 'portmap', capabilities: { portMappings: true }, snat: true },
    ],
  }, null, 2) + '\n';
}

/** The CNI plugins' directory: where Debian's package put `bridge`, else the usual places. */
export function findCNIBinDir(): string | undefined {
  try {
    const files = execFileSync('dpkg', ['-L', 'containernetworking-plugins'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const bridge = files.split('\n').find((f) => f.endsWith('/bridge') && existsSync(f));
    if (bridge) return dirname(bridge);
  } catch { /* not a Debian system, or the package is missing */ }
  return ['/usr/lib/cni', '/opt/cni/bin', '/usr/libexec/cni'].find((d) => existsSync(join(d, 'bridge')));
}

/** The MTU of the interface holding the default route (pods must not send bigger frames than it). */
export function defaultInterfaceMTU(fallback = 1500): number {
  try {
    const lines = readFileSync('/proc/net/route', 'utf8').split('\n').slice(1);
    const dflt = lines.map((l) => l.trim().split(/\s+/)).find((f) => f[1] === '00000000' && f[7] === '00000000');
    if (!dflt?.[0]) return fallback;
    const mtu = Number(readFileSync(`/sys/class/net/${dflt[0]}/mtu`, 'utf8').trim());
    return Number.isInteger(mtu) && mtu > 0 ? mtu : fallback;
  } catch { return fallback; }
}

/** Writes the conflist atomically: containerd must never load half a file. */
export async function writeCNIConfig(dataDir: string, bridgeName: string, podCIDR: string, mtu = defaultInterfaceMTU()): Promise<string> {
  const p = containerdPaths(dataDir);
  await mkdir(p.cniConfDir, { recursive: true });
  await mkdir(p.cniIpamDir, { recursive: true });
  // libcni loads only *.conf, *.conflist and *.json, so the temporary name is ignored.
  const tmp = `${p.cniConflist}.tmp`;
  await writeFile(tmp, renderCNIConflist({ bridgeName, podCIDR, mtu, ipamDataDir: p.cniIpamDir }));
  await rename(tmp, p.cniConflist);
  return p.cniConflist;
}
