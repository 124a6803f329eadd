// Which names and addresses the serving certificate must cover, and whether an existing
// certificate still covers them. kubeadm and k3s put the in-cluster service names
// ("kubernetes.default.svc", …) beside the host's own names so pods and host clients both
// verify the same certificate:
// https://github.com/kubernetes/kubernetes/blob/v1.33.0/cmd/kubeadm/app/phases/certs/certlist.go
import { isIP } from 'node:net';
import * as os from 'node:os';

export interface SubjectAltNames {
  dns: string[];
  ips: string[];
}

export const FIXED_NAMES = ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc'];
export const FIXED_IPS = ['127.0.0.1', '::1'];

/** The names this host is reached by right now: its host name and every interface address. */
export function hostNamesAndAddresses(): string[] {
  const out = [os.hostname()];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) out.push(a.address);
  }
  return out;
}

/** Splits names into DNS names and IP addresses, adds the fixed ones, drops duplicates and zone ids. */
export function wantedSANs(extra: readonly string[]): SubjectAltNames {
  const dns = new Set<string>(FIXED_NAMES);
  const ips = new Set<string>(FIXED_IPS);
  for (const raw of extra) {
    // Link-local IPv6 addresses carry a zone ("fe80::1%eth0") that a certificate cannot hold.
    const h = raw.trim().replace(/^\[|\]$/g, '').split('%')[0];
    if (h === '' || h === '0.0.0.0' || h === '::') continue;
    if (isIP(h)) ips.add(normalizeIP(h));
    else dns.add(h.toLowerCase());
  }
  return { dns: [...dns], ips: [...ips] };
}

/** True when every wanted name and address is in `have`. */
export function covers(have: SubjectAltNames, want: SubjectAltNames): boolean {
  const dns = new Set(have.dns.map((d) => d.toLowerCase()));
  const ips = new Set(have.ips.map(normalizeIP));
  return want.dns.every((d) => dns.has(d.toLowerCase())) && want.ips.every((i) => ips.has(normalizeIP(i)));
}

/** One spelling per address, so "::1" and "0:0:0:0:0:0:0:1" compare equal. */
export function normalizeIP(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  // URL parsing gives the canonical compressed IPv6 form.
  return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
}
