import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fakeNames, NAME_ALPHABET, randomNames } from './names.ts';

describe('names', () => {
  const cases = [
    { name: 'first fake', input: { n: 1, base: 'web-' }, want: 'web-bbbbb' },
    { name: 'second fake', input: { n: 2, base: 'web-' }, want: 'web-bbbbc' },
    { name: 'carries over', input: { n: 28, base: 'x-' }, want: 'x-bbbcb' },
    { name: 'long base cut to 58', input: { n: 1, base: 'a'.repeat(70) }, want: `${'a'.repeat(58)}bbbbb` },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const g = fakeNames();
      let got = '';
      for (let i = 0; i < t.input.n; i++) got = g.generate(t.input.base);
      assert.equal(got, t.want);
    });
  }

  it('random names use the Kubernetes alphabet', () => {
    const g = randomNames((n) => n - 1);
    assert.equal(g.generate('p-'), `p-${NAME_ALPHABET.at(-1)!.repeat(5)}`);
    assert.match(randomNames().generate('p-'), /^p-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});
