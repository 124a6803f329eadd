// `k8ts kubeconfig`: a kubeconfig for this cluster, on stdout or merged into a file.
import * as fs from 'node:fs/promises';
import type { Command } from 'commander';
import { ensurePKI } from '../apiserver/pki/index.ts';
import { endpointFor } from './endpoint.ts';
import { CONTEXT_NAME, entryFor, writeKubeconfig } from './kubeconfig-file.ts';
import { mergeKubeconfig } from './kubeconfig.ts';
import { tildePath, type CliOptions } from './options.ts';
import { findServer } from './server-state.ts';
import type { Out } from './steps.ts';

export async function runKubeconfig(o: CliOptions, cmd: Command, out: Out): Promise<void> {
  await fs.mkdir(o.dataDir, { recursive: true, mode: 0o700 });
  // Makes the PKI on a fresh data dir, so the kubeconfig matches the server started later.
  const pki = await ensurePKI(o.dataDir);
  const found = await findServer(o.dataDir);
  const ep = endpointFor(o, cmd, found.state === 'running' ? found.info : undefined);
  const entry = entryFor(pki, ep.bindAddress, ep.port);
  if (!o.kubeconfig || o.kubeconfig === '-') {
    process.stdout.write(mergeKubeconfig(undefined, entry));
    return;
  }
  await writeKubeconfig(o.kubeconfig, entry);
  out(`✓ kubeconfig: context "${CONTEXT_NAME}" in ${tildePath(o.kubeconfig)}`);
}
