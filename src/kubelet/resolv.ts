/**
 * The host's resolver settings for pods with dnsPolicy Default (and ClusterFirst while there is
 * no cluster DNS), as the kubelet's dns configurer reads --resolv-conf
 * (pkg/kubelet/network/dns/dns.go). Loopback nameservers (systemd-resolved's 127.0.0.53) do not
 * work inside a pod's network namespace, so they are dropped, falling back to systemd-resolved's
 * upstream file as the kubelet's docs advise.
 */
import { readFile } from 'node:fs/promises';
import type { DNSConfig } from './cri/types.ts';

export function parseResolvConf(text: string): DNSConfig {
  const out: DNSConfig = { servers: [], searches: [], options: [] };
  for (const raw of text.split('\n')) {
    const f = raw.replace(/[#;].*$/, '').trim().split(/\s+/);
    if (f[0] === 'nameserver' && f[1]) out.servers.push(f[1]);
    else if (f[0] === 'search' || f[0] === 'domain') out.searches = f.slice(1);
    else if (f[0] === 'options') out.options.push(...f.slice(1));
  }
  return out;
}

const isLoopback = (ip: string) => ip.startsWith('127.') || ip === '::1';

export async function hostDNS(paths = ['/etc/resolv.conf', '/run/systemd/resolve/resolv.conf']): Promise<DNSConfig> {
  let first: DNSConfig | undefined;
  for (const p of paths) {
    const text = await readFile(p, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const c = parseResolvConf(text);
    first ??= c;
    const servers = c.servers.filter((s) => !isLoopback(s));
    if (servers.length) return { ...c, servers };
  }
  return first ? { ...first, servers: first.servers.filter((s) => !isLoopback(s)) } : { servers: [], searches: [], options: [] };
}
