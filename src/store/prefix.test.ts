import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prefixEnd } from './prefix.ts';

const cases: { name: string; input: string; inside: string[]; outside: string[] }[] = [
  { name: 'resource prefix', input: '/registry/pods/', inside: ['/registry/pods/a', '/registry/pods/ns/b', '/registry/pods/~'], outside: ['/registry/podsx/a', '/registry/pods0', '/registry/pod'] },
  { name: 'namespace prefix', input: '/registry/pods/ns/', inside: ['/registry/pods/ns/a'], outside: ['/registry/pods/ns2/a', '/registry/pods/nt/a'] },
  { name: 'everything', input: '', inside: ['/a', '~', 'z'.repeat(50)], outside: [] },
];

for (const c of cases) {
  test(`prefixEnd: ${c.name}`, () => {
    const hi = prefixEnd(c.input);
    for (const k of c.inside) assert.ok(k >= c.input && k < hi, `${k} inside [${c.input}, ${hi})`);
    for (const k of c.outside) assert.ok(!(k >= c.input && k < hi), `${k} outside [${c.input}, ${hi})`);
  });
}
