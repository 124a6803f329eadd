/** Conformance: list (sorting, pagination, prefixes, older revisions, errors). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FutureRevisionError } from '../types.ts';
import type { Store } from '../types.ts';
import { T, withStore } from './harness.ts';
import type { Harness } from './harness.ts';

const keys = (r: { items: { key: string }[] }) => r.items.map((kv) => kv.key);

async function seed(s: Store, names: string[]): Promise<void> {
  for (const n of names) await s.create(n, `v-${n}`);
}

export function listTests(h: Harness): void {
  test('list returns keys under the prefix sorted, at the current revision', T, () => withStore(h, async (s) => {
    await seed(s, ['/r/p/c', '/r/p/a', '/r/q/z', '/r/p/b']);
    const r = await s.list('/r/p/');
    assert.deepEqual(keys(r), ['/r/p/a', '/r/p/b', '/r/p/c']);
    assert.equal(r.revision, await s.currentRevision());
    assert.equal(r.more, false);
    assert.equal(r.items[0].value, 'v-/r/p/a');
    assert.deepEqual(keys(await s.list('')), ['/r/p/a', '/r/p/b', '/r/p/c', '/r/q/z']);
  }));

  test('a prefix does not match its longer siblings (pods/ vs podsx/)', T, () => withStore(h, async (s) => {
    await seed(s, ['/registry/pods/ns/a', '/registry/podsx/ns/a', '/registry/pod/ns/a', '/registry/pods0']);
    assert.deepEqual(keys(await s.list('/registry/pods/')), ['/registry/pods/ns/a']);
    assert.deepEqual(keys(await s.list('/registry/podsx/')), ['/registry/podsx/ns/a']);
  }));

  test('limit, more, remaining and after page through every key exactly once', T, () => withStore(h, async (s) => {
    const names = Array.from({ length: 23 }, (_, i) => `/r/p/k${String(i).padStart(2, '0')}`);
    await seed(s, [...names].reverse());
    await seed(s, ['/r/q/outside']);
    const first = await s.list('/r/p/', { limit: 10 });
    assert.deepEqual({ n: first.items.length, more: first.more, remaining: first.remaining }, { n: 10, more: true, remaining: 13 });
    const seen: string[] = [];
    let after: string | undefined;
    const pages: boolean[] = [];
    for (;;) {
      const page = await s.list('/r/p/', { limit: 10, after, revision: first.revision });
      seen.push(...keys(page));
      pages.push(page.more);
      if (!page.more) { assert.equal(page.remaining ?? 0, 0); break; }
      after = page.items[page.items.length - 1].key;
    }
    assert.deepEqual(seen, names);
    assert.deepEqual(pages, [true, true, false]);
    const exact = await s.list('/r/p/', { limit: 23 });
    assert.equal(exact.more, false);
  }));

  test('list at an older revision sees the state as it was then', T, () => withStore(h, async (s) => {
    const a = await s.create('/r/p/a', 'a1');
    await s.create('/r/p/b', 'b1');
    const rev1 = await s.currentRevision();
    await s.update('/r/p/a', 'a2', a.modRevision);
    await s.delete('/r/p/b');
    await s.create('/r/p/c', 'c1');
    const old = await s.list('/r/p/', { revision: rev1 });
    assert.equal(old.revision, rev1);
    assert.deepEqual(old.items.map((kv) => [kv.key, kv.value, kv.modRevision]), [['/r/p/a', 'a1', a.modRevision], ['/r/p/b', 'b1', rev1]]);
    const now = await s.list('/r/p/');
    assert.deepEqual(now.items.map((kv) => [kv.key, kv.value]), [['/r/p/a', 'a2'], ['/r/p/c', 'c1']]);
    assert.deepEqual(keys(await s.list('/r/p/', { revision: a.modRevision - 1 })), []);
    const paged = await s.list('/r/p/', { revision: rev1, limit: 1 });
    assert.deepEqual({ keys: keys(paged), more: paged.more, remaining: paged.remaining }, { keys: ['/r/p/a'], more: true, remaining: 1 });
  }));

  test('list at an older revision: keys re-created, updated twice, created or deleted since', T, () => withStore(h, async (s) => {
    const a = await s.create('/r/p/a', 'a1');
    const b = await s.create('/r/p/b', 'b1');
    await s.create('/r/p/c', 'c1');
    await s.create('/r/q/x', 'x1');
    const rev = await s.currentRevision();
    await s.delete('/r/p/a');
    await s.create('/r/p/a', 'a2');
    const b2 = await s.update('/r/p/b', 'b2', b.modRevision);
    assert.ok(b2.succeeded);
    await s.update('/r/p/b', 'b3', b2.kv.modRevision);
    await s.create('/r/p/d', 'd1');
    await s.delete('/r/p/c');
    await s.create('/r/p/0', 'new');
    const at = (r: { items: { key: string; value: string; modRevision: number }[] }) => r.items.map((kv) => [kv.key, kv.value, kv.modRevision]);
    const then = [['/r/p/a', 'a1', a.modRevision], ['/r/p/b', 'b1', b.modRevision], ['/r/p/c', 'c1', rev - 1]];
    assert.deepEqual(at(await s.list('/r/p/', { revision: rev })), then);
    const seen: unknown[] = [];
    let after: string | undefined;
    const remaining: number[] = [];
    for (;;) {
      const page = await s.list('/r/p/', { revision: rev, limit: 1, after });
      seen.push(...at(page));
      remaining.push(page.remaining ?? 0);
      if (!page.more) break;
      after = page.items[0].key;
    }
    assert.deepEqual(seen, then);
    assert.deepEqual(remaining, [2, 1, 0]);
    assert.deepEqual(at(await s.list('/r/p/', { revision: rev, after: '/r/p/a' })), then.slice(1));
  }));

  test('list at a future revision fails with FutureRevisionError', T, () => withStore(h, async (s) => {
    await s.create('/r/a', 'v');
    const cur = await s.currentRevision();
    await assert.rejects(s.list('/r/', { revision: cur + 1 }),
      (e) => e instanceof FutureRevisionError && e.requested === cur + 1 && e.current === cur);
    assert.equal((await s.list('/r/', { revision: cur })).items.length, 1);
  }));
}
