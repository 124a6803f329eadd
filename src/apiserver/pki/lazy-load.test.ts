import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ensurePKI } from './ensure.ts';

// Runs ensurePKI(dir) in a fresh Node process whose resolve hook records every module it loads,
// and returns what was generated and which loaded modules belong to @peculiar/x509 or its setup.
async function ensureInChild(dir: string): Promise<{ generated: string[]; x509: string[] }> {
  const script = `
    import { registerHooks } from 'node:module';
    const seen = [];
    registerHooks({ resolve(spec, ctx, next) { const r = next(spec, ctx); seen.push(r.url); return r; } });
    const { ensurePKI } = await import(${JSON.stringify(new URL('./ensure.ts', import.meta.url).href)});
    const pki = await ensurePKI(${JSON.stringify(dir)});
    const x509 = seen.filter((u) => u.includes('/@peculiar/') || u.endsWith('/pki/x509.ts'));
    console.log(JSON.stringify({ generated: pki.generated, x509 }));`;
  const { stdout } = await promisify(execFile)(process.execPath,
    ['--disable-warning=ExperimentalWarning', '--input-type=module', '-e', script]);
  return JSON.parse(stdout);
}

test('@peculiar/x509 is loaded only when a certificate is issued', async (t) => {
  const cases = [
    { name: 'empty dir: everything is issued', prepare: false, want: { generated: ['ca', 'apiserver', 'admin', 'token'], loaded: true } },
    { name: 'valid PKI on disk: nothing issued, library not loaded', prepare: true, want: { generated: [], loaded: false } },
  ];
  for (const c of cases) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'k8ts-pki-lazy-'));
    t.after(() => fs.rm(dir, { recursive: true, force: true }));
    if (c.prepare) await ensurePKI(dir);
    const got = await ensureInChild(dir);
    assert.deepEqual(got.generated, c.want.generated, c.name);
    assert.equal(got.x509.length > 0, c.want.loaded, `${c.name}: ${got.x509.join(', ')}`);
  }
});
