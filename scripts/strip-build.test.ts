import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { rewriteSpecifiers, stripBuild } from './strip-build.ts';

test('rewriteSpecifiers', () => {
  const src = '/r/src', out = '/r/build/js', file = '/r/src/cli/main.ts';
  const cases = [
    { name: 'static import', input: `import { a } from './a.ts';`, want: `import { a } from './a.js';` },
    { name: 'parent, double quotes', input: `import x from "../api/x.ts";`, want: `import x from "../api/x.js";` },
    { name: 'side effect', input: `import './shim.ts';`, want: `import './shim.js';` },
    { name: 'export from', input: `export { b } from './b.ts';`, want: `export { b } from './b.js';` },
    { name: 'dynamic import', input: `await import('./cmd-up.ts')`, want: `await import('./cmd-up.js')` },
    { name: 'outside src points back at the source', input: `import { g } from '../../scripts/gen.ts';`, want: `import { g } from '../../../scripts/gen.ts';` },
    { name: 'package and non-ts untouched', input: `import { parse } from 'yaml'; import d from './d.json' with { type: 'json' };`, want: `import { parse } from 'yaml'; import d from './d.json' with { type: 'json' };` },
    { name: 'other strings untouched', input: `const f = 'main.ts'; new URL('./main.ts', u);`, want: `const f = 'main.ts'; new URL('./main.ts', u);` },
  ];
  for (const c of cases) assert.equal(rewriteSpecifiers(c.input, file, src, out), c.want, c.name);
});

test('stripBuild writes runnable JavaScript, leaves out tests and testdata, drops stale files', (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'k8ts-strip-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  write('package.json', '{"type":"module"}');
  write('src/lib/add.ts', 'export function add(a: number, b: number): number { return a + b; }\n');
  write('src/main.ts', "import type { X } from './lib/none.ts';\nimport { add } from './lib/add.ts';\nconst n: number = add(1, 2);\nconsole.log(n, (await import('./lib/add.ts')).add(2, 3));\n");
  write('src/main.test.ts', 'throw new Error();\n');
  write('src/lib/testdata/capture.ts', 'export {};\n');
  write('build/js/stale.js', '');
  const count = stripBuild(path.join(root, 'src'), path.join(root, 'build/js'));
  assert.equal(count, 2);
  const files = fs.readdirSync(path.join(root, 'build/js'), { recursive: true }).map(String).sort();
  assert.deepEqual(files, ['lib', 'lib/add.js', 'main.js']);
  // --no-experimental-strip-types: the output must need no TypeScript support at all.
  const stdout = execFileSync(process.execPath, ['--no-experimental-strip-types', path.join(root, 'build/js/main.js')], { encoding: 'utf8' });
  assert.equal(stdout, '3 5\n');
});
