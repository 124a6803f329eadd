/**
 * The stripped build: plain JavaScript for src/**\/*.ts (tests and testdata left out) under
 * build/js/, same layout. Running these files spares Node its TypeScript stripper (≈ 18 MB of
 * resident memory in the server) and the per-start stripping work. Types are erased with Node's
 * own `module.stripTypeScriptTypes` in 'strip' mode, which blanks types in place, so line and
 * column numbers in stack traces still match the .ts sources. Tests keep running the sources.
 */
import { globSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Relative specifiers in static imports/exports, `import '…'` and `import('…')` (literal only). */
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.\.?\/[^'"\n]*?)\.ts\2/g;

/**
 * Rewrites a relative `.ts` specifier of the file at `file` (under `srcDir`): a module inside
 * srcDir becomes its `.js` twin; one outside it (e.g. scripts/) is pointed at from the output
 * location instead, as it is not built.
 */
export function rewriteSpecifiers(code: string, file: string, srcDir: string, outDir: string): string {
  return code.replace(SPECIFIER, (all, lead: string, q: string, spec: string) => {
    const target = resolve(dirname(file), spec + '.ts');
    const inside = !relative(srcDir, target).startsWith('..');
    if (inside) return `${lead}${q}${spec}.js${q}`;
    const outFile = join(outDir, relative(srcDir, file));
    let rel = relative(dirname(outFile), target).split(sep).join('/');
    if (!rel.startsWith('.')) rel = './' + rel;
    return `${lead}${q}${rel}${q}`;
  });
}

/** Builds `srcDir` into `outDir` (replaced as a whole, so deleted sources leave no stale output). Returns the file count. */
export function stripBuild(srcDir: string, outDir: string): number {
  const files = globSync('**/*.ts', { cwd: srcDir, exclude: (p) => p.endsWith('.test.ts') || /(^|[\\/])testdata$/.test(p) });
  // Write beside, then swap: a process already running from outDir sees the old tree or the new one.
  const tmp = `${outDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const dirs = new Set<string>();
  for (const rel of files) {
    const file = join(srcDir, rel);
    const out = join(tmp, rel.replace(/\.ts$/, '.js'));
    const js = rewriteSpecifiers(stripTypeScriptTypes(readFileSync(file, 'utf8'), { mode: 'strip' }), file, srcDir, outDir);
    const d = dirname(out);
    if (!dirs.has(d)) {
      mkdirSync(d, { recursive: true });
      dirs.add(d);
    }
    writeFileSync(out, js);
  }
  const old = `${outDir}.old-${process.pid}`;
  try {
    renameSync(outDir, old);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  renameSync(tmp, outDir);
  rmSync(old, { recursive: true, force: true });
  return files.length;
}
