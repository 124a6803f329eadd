import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from './index.ts';
import { MemoryStore } from './memory/index.ts';
import { SqliteStore } from './sqlite/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'k8ts-openstore-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const cases: { name: string; input: string; want: 'memory' | 'sqlite' | RegExp; file?: string }[] = [
  { name: 'memory', input: 'memory:', want: 'memory' },
  { name: 'sqlite: prefix', input: `sqlite:${join(dir, 'a.db')}`, want: 'sqlite', file: join(dir, 'a.db') },
  { name: 'sqlite:// with an absolute path', input: `sqlite://${join(dir, 'b.db')}`, want: 'sqlite', file: join(dir, 'b.db') },
  { name: 'plain path', input: join(dir, 'sub', 'c.db'), want: 'sqlite', file: join(dir, 'sub', 'c.db') },
  { name: 'etcd', input: 'etcd://127.0.0.1:2379', want: /etcd backend is not built yet/ },
  { name: 'sqlite without a path', input: 'sqlite:', want: /missing the SQLite file path/ },
  { name: 'unknown scheme', input: 'postgres://db/k8s', want: /unknown scheme/ },
];

for (const c of cases) {
  test(`openStore: ${c.name}`, async () => {
    if (c.want instanceof RegExp) { await assert.rejects(openStore(c.input), c.want); return; }
    const s = await openStore(c.input, { autoCompact: false });
    try {
      assert.ok(s instanceof (c.want === 'memory' ? MemoryStore : SqliteStore));
      if (c.file) assert.ok(existsSync(c.file), `${c.file} created`);
    } finally { await s.close(); }
  });
}
