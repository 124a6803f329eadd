/**
 * Generates the OpenAPI documents k8ts serves, from the schemas and descriptions that the installed
 * `kubernetes-types` carries (no upstream spec text is committed):
 *   <out>/v3/index.json              { paths: { 'api/v1': { serverRelativeURL: '/openapi/v3/api/v1?hash=…' } } }
 *   <out>/v3/api/v1.json, <out>/v3/apis/<group>/<version>.json   one OpenAPI 3.0 document per group-version
 *   <out>/v2.json, <out>/v2.pb       Swagger 2.0 (definitions only) as JSON and as gnostic protobuf
 * The layout follows kube-apiserver's /openapi/v3 discovery (k8s.io/kube-openapi pkg/handler3).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RESOURCES, type ResourceInfo } from '../../src/api/resources.ts';
import { SchemaSource } from './schemas.ts';
import { resourcePaths, type GVK } from './paths.ts';
import { closure, render, refPrefix } from './render.ts';
import { encodeDocument } from './gnostic.ts';

const META = 'meta/v1';
const INFO = { title: 'Kubernetes', version: 'v1.33.0' };

/** kubernetes-types folder for an API group: '' → core, 'coordination.k8s.io' → coordination. */
const moduleOf = (g: { group: string; version: string }) => `${g.group.split('.')[0] || 'core'}/${g.version}`;
const gvPath = (g: { group: string; version: string }) => (g.group ? `apis/${g.group}/${g.version}` : `api/${g.version}`);

export async function generate(outDir: string): Promise<void> {
  const src = new SchemaSource();
  const gvks = new Map<string, GVK[]>(); // definition name → the kinds it serves as
  const definition = (g: GVK, module = moduleOf(g)) => {
    const name = src.add(module, g.kind);
    const list = gvks.get(name) ?? [];
    if (!list.some((x) => x.group === g.group && x.version === g.version && x.kind === g.kind)) list.push(g);
    gvks.set(name, list);
    return name;
  };

  // Group resources by group-version, in the order resources.ts lists them.
  const byGV = new Map<string, ResourceInfo[]>();
  for (const r of RESOURCES) byGV.set(gvPath(r), [...(byGV.get(gvPath(r)) ?? []), r]);

  // Meta kinds each group-version document carries; DeleteOptions and WatchEvent are registered in
  // every group's scheme, Status only in the core group (apimachinery pkg/apis/meta/v1 register.go).
  const meta = (kind: string, gvk?: GVK) => {
    const name = src.add(META, kind);
    if (gvk) definition({ ...gvk, kind }, META);
    return name;
  };
  const docs = new Map<string, { roots: string[]; paths: Record<string, object> }>();
  for (const [path, resources] of byGV) {
    const gv = { group: resources[0].group, version: resources[0].version, kind: '' };
    const roots = [meta('Status', { group: '', version: 'v1', kind: '' }), meta('DeleteOptions', gv), meta('WatchEvent', gv), meta('APIResourceList'), meta('Patch')];
    const ref = (d: string) => ({ $ref: refPrefix('v3') + d });
    const paths = resourcePaths(resources, (g) => { const n = definition(g); roots.push(n); return n; }, ref);
    docs.set(path, { roots, paths });
  }

  const withGVK = (name: string, s: Record<string, unknown>) => {
    const list = gvks.get(name);
    return list ? { ...s, 'x-kubernetes-group-version-kind': list } : s;
  };

  const index: Record<string, { serverRelativeURL: string }> = {};
  for (const [path, { roots, paths }] of docs) {
    const names = closure(roots, src.schemas);
    const schemas = Object.fromEntries(names.map((n) => [n, withGVK(n, render(src.schemas.get(n)!, 'v3'))]));
    const doc = {
      openapi: '3.0.0', info: INFO, paths,
      components: { schemas, securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } } },
    };
    const body = JSON.stringify(doc);
    write(join(outDir, 'v3', `${path}.json`), body);
    const hash = createHash('sha256').update(body).digest('hex').toUpperCase();
    index[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
  }
  write(join(outDir, 'v3', 'index.json'), JSON.stringify({ paths: index }));

  // Swagger 2.0 carries definitions only. kubectl 1.27+ use its models for explain (--output
  // plaintext-openapiv2) and client-side validation; from its PATCH `consumes` they would pick the
  // apply patch type, and with no paths they fall back to their compiled-in strategic merge types.
  const all = closure([...docs.values()].flatMap((d) => d.roots), src.schemas);
  const definitions = Object.fromEntries(all.map((n) => [n, withGVK(n, render(src.schemas.get(n)!, 'v2'))]));
  const v2 = { swagger: '2.0', info: INFO, paths: {}, definitions };
  write(join(outDir, 'v2.json'), JSON.stringify(v2));
  write(join(outDir, 'v2.pb'), encodeDocument(v2));
}

function write(file: string, data: string | Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
}
