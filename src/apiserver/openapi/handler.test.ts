import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openapiResponse, PROTO_V2 } from './handler.ts';
import { BUILD_DIR, ensureBuilt } from './build-fixture.ts';

await ensureBuilt();

const index = JSON.parse(readFileSync(join(BUILD_DIR, 'v3/index.json'), 'utf8')).paths as Record<string, { serverRelativeURL: string }>;
const appsURL = new URL(index['apis/apps/v1'].serverRelativeURL, 'http://x');
const appsHash = appsURL.searchParams.get('hash')!;

test('openapiResponse', () => {
  const cases: { name: string; input: [string, string, string]; want: { status: number; type?: string; cache?: string; location?: string; first?: string } | undefined }[] = [
    { name: 'not openapi', input: ['/api/v1', '', 'application/json'], want: undefined },
    { name: 'v2 protobuf, @ form asked, dot form answered', input: ['/openapi/v2', '', 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf'], want: { status: 200, type: PROTO_V2, cache: 'no-cache, private' } },
    { name: 'v2 json', input: ['/openapi/v2', '', 'application/json'], want: { status: 200, type: 'application/json', first: '{"swagger":"2.0"' } },
    { name: 'v2 any', input: ['/openapi/v2', '', '*/*'], want: { status: 200, type: 'application/json' } },
    { name: 'v3 index', input: ['/openapi/v3', '', 'application/json'], want: { status: 200, type: 'application/json', cache: 'no-cache, private', first: '{"paths":{' } },
    { name: 'v3 doc with current hash', input: ['/openapi/v3/apis/apps/v1', `hash=${appsHash}`, 'application/json'], want: { status: 200, cache: 'public, immutable', first: '{"openapi":"3.0.0"' } },
    { name: 'v3 doc without hash', input: ['/openapi/v3/api/v1', '', 'application/json'], want: { status: 200, cache: 'no-cache, private', first: '{"openapi":"3.0.0"' } },
    { name: 'v3 doc with stale hash', input: ['/openapi/v3/apis/apps/v1', 'hash=0123', 'application/json'], want: { status: 301, location: `/openapi/v3/apis/apps/v1?hash=${appsHash}` } },
    { name: 'unknown group-version', input: ['/openapi/v3/apis/batch/v1', '', 'application/json'], want: { status: 404, type: 'application/json', first: '{"kind":"Status"' } },
  ];
  for (const c of cases) {
    const got = openapiResponse(c.input[0], new URLSearchParams(c.input[1]), c.input[2]);
    if (!c.want) { assert.equal(got, undefined, c.name); continue; }
    assert.ok(got, c.name);
    assert.equal(got.status, c.want.status, c.name);
    if (c.want.type) assert.equal(got.headers['Content-Type'], c.want.type, c.name);
    if (c.want.cache) assert.equal(got.headers['Cache-Control'], c.want.cache, c.name);
    if (c.want.location) assert.equal(got.headers.Location, c.want.location, c.name);
    if (c.want.first) assert.equal(got.body.subarray(0, c.want.first.length).toString(), c.want.first, c.name);
  }
});

test('the 404 body is a NotFound Status', () => {
  const got = openapiResponse('/openapi/v3/apis/batch/v1', new URLSearchParams(), 'application/json')!;
  const s = JSON.parse(got.body.toString());
  assert.equal(s.reason, 'NotFound');
  assert.equal(s.code, 404);
});
