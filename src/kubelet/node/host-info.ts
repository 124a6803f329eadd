/**
 * Facts about the host for the Node object (what cadvisor and the kubelet's nodestatus setters
 * read): cpus, memory from /proc/meminfo, the data dir's filesystem size, kernel, OS image from
 * /etc/os-release, machine and boot ids, architecture, and the primary IPv4 address (the one on
 * the default route's interface).
 */
import { readFile, statfs } from 'node:fs/promises';
import os from 'node:os';

export interface HostInfo {
  hostname: string;
  cpus: number;
  memoryBytes: number;
  ephemeralStorageBytes: number;
  kernelVersion: string;
  osImage: string;
  machineID: string;
  bootID: string;
  systemUUID: string;
  architecture: string;
  operatingSystem: string;
  internalIP?: string;
}

const read = (p: string) => readFile(p, 'utf8').catch(() => '');

export function parseMeminfo(text: string): number {
  const m = /^MemTotal:\s+(\d+)\s*kB/m.exec(text);
  return m ? Number(m[1]) * 1024 : os.totalmem();
}

export function parseOsRelease(text: string): string {
  const m = /^PRETTY_NAME=(.*)$/m.exec(text);
  return m ? m[1].trim().replace(/^["']|["']$/g, '') : 'Linux';
}

/** The interface of the default route in /proc/net/route (destination 00000000). */
export function defaultRouteInterface(routes: string): string | undefined {
  for (const line of routes.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length > 2 && f[1] === '00000000') return f[0];
  }
  return undefined;
}

export function primaryIPv4(routes: string, ifaces = os.networkInterfaces()): string | undefined {
  const v4 = (name: string) => ifaces[name]?.find((a) => a.family === 'IPv4' && !a.internal)?.address;
  const dflt = defaultRouteInterface(routes);
  if (dflt && v4(dflt)) return v4(dflt);
  for (const name of Object.keys(ifaces)) { const a = v4(name); if (a) return a; }
  return undefined;
}

const goArch = (a: string) => ({ x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' } as Record<string, string>)[a] ?? a;

export async function readHostInfo(dataDir: string): Promise<HostInfo> {
  const [meminfo, osRelease, machineID, bootID, routes, productUUID] = await Promise.all([
    read('/proc/meminfo'), read('/etc/os-release'), read('/etc/machine-id'), read('/proc/sys/kernel/random/boot_id'),
    read('/proc/net/route'), read('/sys/class/dmi/id/product_uuid'),
  ]);
  let storage = 0;
  try { const s = await statfs(dataDir); storage = s.blocks * s.bsize; } catch { /* unknown: report 0 */ }
  return {
    hostname: os.hostname().toLowerCase(),
    cpus: os.availableParallelism(),
    memoryBytes: parseMeminfo(meminfo),
    ephemeralStorageBytes: storage,
    kernelVersion: os.release(),
    osImage: parseOsRelease(osRelease),
    machineID: machineID.trim(),
    bootID: bootID.trim(),
    systemUUID: productUUID.trim() || machineID.trim(),
    architecture: goArch(os.arch()),
    operatingSystem: os.platform(),
    internalIP: primaryIPv4(routes),
  };
}
