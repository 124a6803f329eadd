import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CidrSet, parseCidr, formatCidr } from './cidr-set.ts';

describe('parseCidr', () => {
  const cases: { input: string; want: string | undefined }[] = [
    { input: '10.244.0.0/16', want: '10.244.0.0/16' },
    { input: '10.244.7.9/16', want: '10.244.0.0/16' },
    { input: '192.168.1.0/24', want: '192.168.1.0/24' },
    { input: '10.0.0.0/33', want: undefined },
    { input: '10.256.0.0/16', want: undefined },
    { input: 'fd00::/64', want: undefined },
  ];
  for (const c of cases) it(c.input, () => { const p = parseCidr(c.input); assert.equal(p && formatCidr(p), c.want); });
});

describe('CidrSet', () => {
  const cases: { name: string; cluster: string; mask: number; occupy?: string[]; release?: string[]; allocations: number; want: (string | undefined)[] }[] = [
    { name: 'first blocks in order', cluster: '10.244.0.0/16', mask: 24, allocations: 3, want: ['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24'] },
    { name: 'skips occupied blocks', cluster: '10.244.0.0/16', mask: 24, occupy: ['10.244.0.0/24', '10.244.2.0/24'], allocations: 2, want: ['10.244.1.0/24', '10.244.3.0/24'] },
    { name: 'foreign CIDRs are not ours', cluster: '10.244.0.0/16', mask: 24, occupy: ['10.245.0.0/24', '10.244.0.0/25'], allocations: 1, want: ['10.244.0.0/24'] },
    { name: 'runs out', cluster: '10.0.0.0/30', mask: 31, allocations: 3, want: ['10.0.0.0/31', '10.0.0.2/31', undefined] },
    { name: 'released blocks are reused after a wrap', cluster: '10.0.0.0/30', mask: 31, occupy: ['10.0.0.0/31', '10.0.0.2/31'], release: ['10.0.0.0/31'], allocations: 2, want: ['10.0.0.0/31', undefined] },
    { name: 'last block of a /16', cluster: '10.244.0.0/16', mask: 24, occupy: Array.from({ length: 255 }, (_, i) => `10.244.${i}.0/24`), allocations: 2, want: ['10.244.255.0/24', undefined] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = new CidrSet(c.cluster, c.mask);
      for (const x of c.occupy ?? []) s.occupy(x);
      for (const x of c.release ?? []) s.release(x);
      assert.deepEqual(Array.from({ length: c.allocations }, () => s.allocateNext()), c.want);
    });
  }
  it('rejects a mask shorter than the cluster prefix', () => assert.throws(() => new CidrSet('10.244.0.0/16', 8)));
});
