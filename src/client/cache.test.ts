/**
 * The informer cache's indexes as objects come, change and go: every index answers exactly
 * the objects whose index function names that value now (client-go's ThreadSafeStore).
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { Cache, type IndexFunc } from './cache.ts';

interface Obj { metadata: { name: string; namespace?: string; labels?: Record<string, string> } }
const obj = (name: string, labels: Record<string, string> = {}, namespace = 'ns'): Obj => ({ metadata: { name, namespace, labels } });
/** Index by the `tier` label, and by every `role-*` label (so an object may sit under several values, or none). */
const indexers: Record<string, IndexFunc<Obj>> = {
  tier: (o) => [o.metadata.labels?.tier ?? ''],
  roles: (o) => Object.keys(o.metadata.labels ?? {}).filter((k) => k.startsWith('role-')),
};

const names = (c: Cache<Obj>, index: string, value: string) => c.byIndex(index, value).map((o) => o.metadata.name).sort();

const cases: { name: string; steps: (c: Cache<Obj>) => void; want: [index: string, value: string, names: string[]][] }[] = [
  {
    name: 'an update keeping its value stays under it',
    steps: (c) => { c.put(obj('a', { tier: 'web' })); c.put(obj('a', { tier: 'web', other: 'x' })); },
    want: [['tier', 'web', ['a']], ['namespace', 'ns', ['a']]],
  },
  {
    name: 'an update changing its value moves',
    steps: (c) => { c.put(obj('a', { tier: 'web' })); c.put(obj('b', { tier: 'web' })); c.put(obj('a', { tier: 'db' })); },
    want: [['tier', 'web', ['b']], ['tier', 'db', ['a']]],
  },
  {
    name: 'several values: gained and lost one by one',
    steps: (c) => { c.put(obj('a', { 'role-x': '1', 'role-y': '1' })); c.put(obj('a', { 'role-y': '1', 'role-z': '1' })); },
    want: [['roles', 'role-x', []], ['roles', 'role-y', ['a']], ['roles', 'role-z', ['a']]],
  },
  {
    name: 'from no value to one and back',
    steps: (c) => { c.put(obj('a')); c.put(obj('a', { 'role-x': '1' })); c.put(obj('b', { 'role-x': '1' })); c.put(obj('a')); },
    want: [['roles', 'role-x', ['b']]],
  },
  {
    name: 'a deleted object leaves every index',
    steps: (c) => { c.put(obj('a', { tier: 'web', 'role-x': '1' })); c.delete('ns/a'); },
    want: [['tier', 'web', []], ['roles', 'role-x', []], ['namespace', 'ns', []]],
  },
  {
    name: 'the same name in two namespaces: two keys',
    steps: (c) => { c.put(obj('a', { tier: 'web' }, 'one')); c.put(obj('a', { tier: 'web' }, 'two')); c.put(obj('a', { tier: 'db' }, 'one')); },
    want: [['tier', 'web', ['a']], ['tier', 'db', ['a']], ['namespace', 'one', ['a']], ['namespace', 'two', ['a']]],
  },
];

for (const tc of cases) {
  it(`cache index: ${tc.name}`, () => {
    const c = new Cache<Obj>(indexers);
    tc.steps(c);
    for (const [index, value, want] of tc.want) assert.deepEqual(names(c, index, value), want, `${index}=${value}`);
  });
}

it('cache index: an indexer added later covers what is stored', () => {
  const c = new Cache<Obj>();
  c.put(obj('a', { tier: 'web' }));
  c.addIndexers({ tier: indexers.tier });
  assert.deepEqual(names(c, 'tier', 'web'), ['a']);
  assert.throws(() => c.addIndexers({ tier: (o) => [o.metadata.name] }), /already exists/);
});
