/**
 * Shared by the kubelet tests on the in-memory CRI runtime: a made-up host, the in-process
 * API server in a temporary directory, and polling that steps a fake clock between tries.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inProcessTransport } from '../apiserver/rest/in-process.ts';
import { startAPIServer } from '../apiserver/server.ts';
import { createClient } from '../client/client.ts';
import type { FakeClock } from '../client/clock.ts';
import type { Client } from '../client/types.ts';
import type { HostInfo } from './node/host-info.ts';

export function testHost(hostname: string, internalIP: string): HostInfo {
  return {
    hostname, cpus: 2, memoryBytes: 4 * 2 ** 30, ephemeralStorageBytes: 20 * 2 ** 30, kernelVersion: '6.1.0-test',
    osImage: 'Debian GNU/Linux 12 (bookworm)', machineID: 'm1', bootID: 'b1', systemUUID: 's1', architecture: 'amd64',
    operatingSystem: 'linux', internalIP,
  };
}

export interface TestAPI { dir: string; client: Client; close(): Promise<void> }

/** An in-memory API server with its data under a fresh temporary directory, which `close` removes. */
export async function startTestAPI(prefix: string): Promise<TestAPI> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const srv = await startAPIServer({ dataDir: dir, bindAddress: '127.0.0.1', port: 0, datastore: 'memory:' });
  return {
    dir, client: createClient(inProcessTransport(srv.api)),
    close: async () => { await srv.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

/** Polls `pred` (real 10 s deadline), stepping `clock` by `stepMs` between tries. */
export function eventuallyOn(clock: FakeClock) {
  return async function eventually<T>(what: string, pred: () => Promise<T | undefined | false>, stepMs = 100): Promise<T> {
    const deadline = Date.now() + 10_000;
    let last: unknown;
    for (;;) {
      try { const v = await pred(); if (v) return v; } catch (e) { last = e; }
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
      clock.step(stepMs);
      await new Promise((r) => setTimeout(r, 3));
    }
  };
}
