/**
 * A set of equal-size subnets of one IPv4 cluster CIDR (kubernetes/kubernetes
 * pkg/controller/nodeipam/ipam/cidrset/cidr_set.go): 10.244.0.0/16 with mask 24 holds 256
 * blocks, 10.244.0.0/24 … 10.244.255.0/24. Allocation starts after the last block handed
 * out and wraps, so a released block is not reused at once.
 */

export interface Cidr { base: number; prefix: number }

export function parseCidr(s: string): Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(s.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const ip = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { base: (ip & mask) >>> 0, prefix };
}

export function formatCidr(c: Cidr): string {
  const b = c.base;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${c.prefix}`;
}

export class CidrSet {
  readonly cluster: Cidr;
  readonly maskSize: number;
  readonly size: number;
  readonly #used = new Set<number>();
  #next = 0;

  /** Throws when the mask is shorter than the cluster prefix or makes over 2^16 blocks (upstream's limit). */
  constructor(clusterCidr: string, maskSize: number) {
    const c = parseCidr(clusterCidr);
    if (!c) throw new Error(`invalid cluster CIDR ${JSON.stringify(clusterCidr)}`);
    if (maskSize < c.prefix || maskSize > 32) throw new Error(`node CIDR mask size ${maskSize} does not fit in ${clusterCidr}`);
    if (maskSize - c.prefix > 16) throw new Error(`cluster CIDR ${clusterCidr} with mask ${maskSize} makes too many node CIDRs`);
    this.cluster = c;
    this.maskSize = maskSize;
    this.size = 2 ** (maskSize - c.prefix);
  }

  get used(): number { return this.#used.size; }

  #cidrAt(i: number): string { return formatCidr({ base: (this.cluster.base + i * 2 ** (32 - this.maskSize)) >>> 0, prefix: this.maskSize }); }

  /** The block index of `cidr`, or undefined when it is not one of this set's blocks. */
  indexOf(cidr: string): number | undefined {
    const c = parseCidr(cidr);
    if (!c || c.prefix !== this.maskSize) return undefined;
    const off = c.base - this.cluster.base;
    if (off < 0) return undefined;
    const i = off / 2 ** (32 - this.maskSize);
    return i < this.size ? i : undefined;
  }

  /** The next free block, marked used; undefined when all are taken. */
  allocateNext(): string | undefined {
    for (let k = 0; k < this.size; k++) {
      const i = (this.#next + k) % this.size;
      if (this.#used.has(i)) continue;
      this.#used.add(i);
      this.#next = (i + 1) % this.size;
      return this.#cidrAt(i);
    }
    return undefined;
  }

  /** Marks `cidr` used (a node that already has it). False when it is not one of ours. */
  occupy(cidr: string): boolean {
    const i = this.indexOf(cidr);
    if (i === undefined) return false;
    this.#used.add(i);
    return true;
  }

  release(cidr: string): void {
    const i = this.indexOf(cidr);
    if (i !== undefined) this.#used.delete(i);
  }
}
