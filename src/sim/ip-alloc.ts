/**
 * Pod IPs for one simulated node, handed out from its `spec.podCIDR` the way the CNI
 * host-local plugin does for a real node: round robin from the network address + 2 (.0 is
 * the network, .1 the bridge gateway), never the broadcast address, one address per pod uid.
 * IPv4 only; an IPv6 or malformed CIDR allocates nothing.
 */

export interface Cidr { base: number; size: number }

/** Parses `a.b.c.d/n` (host bits masked off); undefined for anything else. */
export function parseCidr4(cidr: string): Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  const ip = ((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256 + octets[3];
  return { base: ip - (ip % size), size };
}

export function formatIP4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export function ip4InCidr(ip: string, cidr: string): boolean {
  const c = parseCidr4(cidr);
  const p = parseCidr4(`${ip}/32`);
  return !!c && !!p && p.base >= c.base && p.base < c.base + c.size;
}

export class PodIPAllocator {
  /** pod uid → ip */
  readonly #byUid = new Map<string, string>();
  readonly #used = new Set<string>();
  /** Offset of the last address handed out; the next search starts after it. */
  #last = 1;

  /** Records an address a pod already has (seen after a restart), so it is not given twice. */
  reserve(uid: string, ip: string): void {
    const old = this.#byUid.get(uid);
    if (old === ip) return;
    if (old) this.#used.delete(old);
    this.#byUid.set(uid, ip);
    this.#used.add(ip);
  }

  /** The pod's address: the one it has, else the next free one in `cidr`; undefined when full or unusable. */
  allocate(uid: string, cidr: string): string | undefined {
    const have = this.#byUid.get(uid);
    if (have) return have;
    const c = parseCidr4(cidr);
    // A /31 or /32 has no room once the network and gateway addresses are skipped.
    if (!c || c.size < 4) return undefined;
    const first = 2, last = c.size - 2; // offsets: skip .0 (network), .1 (gateway), broadcast
    const span = last - first + 1;
    for (let i = 1; i <= span; i++) {
      const off = first + ((this.#last - first + i) % span + span) % span;
      const ip = formatIP4(c.base + off);
      if (this.#used.has(ip)) continue;
      this.#last = off;
      this.reserve(uid, ip);
      return ip;
    }
    return undefined;
  }

  release(uid: string): void {
    const ip = this.#byUid.get(uid);
    if (!ip) return;
    this.#byUid.delete(uid);
    this.#used.delete(ip);
  }

  get size(): number { return this.#byUid.size; }
}
