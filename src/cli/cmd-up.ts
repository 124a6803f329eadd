// `k8ts up`: start the server in the background, wait until it is ready, configure kubectl.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePKI } from '../apiserver/pki/index.ts';
import { CliError } from './cli-error.ts';
import { defaultKubeconfigPath, entryFor, writeKubeconfig, CONTEXT_NAME } from './kubeconfig-file.ts';
import { mergeKubeconfig } from './kubeconfig.ts';
import { clientURL, clusterArgs, tildePath, type CliOptions } from './options.ts';
import { waitNodeReady } from './node-ready.ts';
import { checkPortFree } from './port-check.ts';
import { probeReadyz, waitReady } from './readyz.ts';
import { clearServerFiles, findServer, isAlive, lastLines, logFile } from './server-state.ts';
import { step } from './steps.ts';

const READY_DEADLINE_MS = 30_000;
const NODE_DEADLINE_MS = 60_000;
// The entry beside this file: main.ts in the sources, main.js in the stripped build (build/js/).
const MAIN = fileURLToPath(new URL(`./main${extname(import.meta.url)}`, import.meta.url));

export async function runUp(o: CliOptions): Promise<void> {
  const toStdout = o.kubeconfig === '-';
  // With the kubeconfig going to stdout, progress goes to stderr so the YAML stays clean.
  const out = toStdout ? (l: string) => console.error(l) : (l: string) => console.log(l);
  await fs.mkdir(o.dataDir, { recursive: true, mode: 0o700 });

  const pki = await step(out, (p) => `certificates: ${p.generated.length ? `made ${p.generated.join(', ')}` : 'reused'}`,
    () => ensurePKI(o.dataDir, { hosts: [o.bindAddress] }));

  const found = await findServer(o.dataDir);
  if (found.state === 'running') {
    const url = found.info?.url ?? clientURL(o.bindAddress, o.apiPort);
    const probe = await probeReadyz(url, pki);
    if (probe.ok) {
      out(`k8ts is already running (pid ${found.pid}) on ${url}; stop it with "k8ts down"`);
      return;
    }
    throw new CliError(`a k8ts server (pid ${found.pid}) runs for this data dir but ${url}/readyz answers ${probe.status ?? probe.error}: see ${tildePath(logFile(o.dataDir))} or run "k8ts down" first`);
  }
  if (found.state === 'stale') await clearServerFiles(o.dataDir, found.pid);

  await checkPortFree(o);
  const url = clientURL(o.bindAddress, o.apiPort);
  const started = performance.now();
  const child = await startBackground(o);
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = `the server exited (${signal ?? `code ${code}`})`));
  const ready = await waitReady(url, pki, READY_DEADLINE_MS, () => exited);
  if (!ready.ok) {
    console.error(`✗ api server not ready: ${ready.error ?? `/readyz answered ${ready.status} ${ready.body ?? ''}`}`);
    console.error(`--- last 20 lines of ${logFile(o.dataDir)} ---`);
    for (const l of await lastLines(logFile(o.dataDir), 20)) console.error(l);
    if (!exited && child.pid && (await isAlive(child.pid))) {
      child.kill('SIGTERM'); // ours: we just started it
      console.error(`stopped the half-started server (pid ${child.pid})`);
    }
    const what = exited ? 'the API server stopped during start-up' : `the API server did not become ready within ${READY_DEADLINE_MS / 1000} s`;
    throw new CliError(`${what}: read the log above, fix the cause, then run "k8ts up" again`);
  }
  out(`✓ api server ready on ${url} (${Math.round(performance.now() - started)} ms)`);
  if (o.node) {
    const nodeStart = performance.now();
    const node = await waitNodeReady(url, pki, NODE_DEADLINE_MS, () => exited);
    if (node.ok) out(`✓ node ${node.name} Ready (${Math.round(performance.now() - nodeStart)} ms)`);
    else out(`! ${node.error}: pods will stay Pending until a node is Ready (server log: ${tildePath(logFile(o.dataDir))})`);
  }

  const entry = entryFor(pki, o.bindAddress, o.apiPort);
  if (toStdout) {
    process.stdout.write(mergeKubeconfig(undefined, entry));
  } else {
    const file = o.kubeconfig ?? defaultKubeconfigPath();
    await step(out, () => `kubeconfig: context "${CONTEXT_NAME}" in ${tildePath(file)}`, () => writeKubeconfig(file, entry));
    const flag = o.kubeconfig && o.kubeconfig !== defaultKubeconfigPath() ? ` --kubeconfig ${tildePath(o.kubeconfig)}` : '';
    out('');
    out('Try:');
    out(`  kubectl${flag} get nodes`);
    out(`  kubectl${flag} create deployment hello --image=nginx`);
    out(`  kubectl${flag} get pods -w`);
    out(`Stop with "k8ts down". Server log: ${tildePath(logFile(o.dataDir))}`);
  }
}

/** Starts `main.ts server` detached, with its output appended to server.log. */
async function startBackground(o: CliOptions) {
  const log = await fs.open(logFile(o.dataDir), 'a', 0o600);
  await log.write(`--- k8ts server starting ${new Date().toISOString()} ---\n`);
  const args = [
    ...process.execArgv.filter((a) => !a.startsWith('--inspect')),
    MAIN, 'server', '--data-dir', o.dataDir, '--api-port', String(o.apiPort), '--bind-address', o.bindAddress,
    '--datastore', o.datastore, ...(o.verbose ? ['--verbose'] : []),
    ...(o.simulatedNodes ? ['--simulated-nodes', String(o.simulatedNodes)] : []),
    ...clusterArgs(o),
  ];
  try {
    const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', log.fd, log.fd], env: process.env });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (e) => reject(new CliError(`could not start the server process: ${e.message}`)));
    });
    child.unref();
    return child;
  } finally {
    await log.close();
  }
}
