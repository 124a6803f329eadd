// Where the kubeconfig lives and how it is written: kubectl's rules (first $KUBECONFIG path,
// else ~/.kube/config), written whole through a temporary file so a reader never sees half of it.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliError, errnoCode } from './cli-error.ts';
import { KubeconfigError, mergeKubeconfig, type KubeconfigEntry } from './kubeconfig.ts';
import { clientURL, tildePath } from './options.ts';
import type { PKI } from '../apiserver/pki/index.ts';

export const CONTEXT_NAME = 'k8ts';

export function defaultKubeconfigPath(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  const first = (env.KUBECONFIG ?? '').split(path.delimiter).find((p) => p !== '');
  return first ?? path.join(home, '.kube', 'config');
}

export function entryFor(pki: PKI, bindAddress: string, port: number): KubeconfigEntry {
  return { name: CONTEXT_NAME, server: clientURL(bindAddress, port), caPem: pki.caCertPem, certPem: pki.adminCertPem, keyPem: pki.adminKeyPem };
}

/** Merges `entry` into `file` (created 0600, with its directory, when missing) and makes it current. */
export async function writeKubeconfig(file: string, entry: KubeconfigEntry): Promise<void> {
  // Write through a symlink to its target rather than replacing the link.
  const target = await fs.realpath(file).catch(() => file);
  let existing: string | undefined;
  let mode = 0o600;
  try {
    existing = await fs.readFile(target, 'utf8');
    mode = (await fs.stat(target)).mode & 0o777;
  } catch (e) {
    if (errnoCode(e) !== 'ENOENT') throw new CliError(`cannot read ${tildePath(target)}: ${(e as Error).message}`);
  }
  let text: string;
  try {
    text = mergeKubeconfig(existing, entry);
  } catch (e) {
    if (!(e instanceof KubeconfigError)) throw e;
    throw new CliError(`cannot update ${tildePath(target)}: ${e.message}. Fix or move that file, or pass --kubeconfig <other file> (or - for stdout).`);
  }
  await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const tmp = `${target}.k8ts-${process.pid}.tmp`;
  await fs.writeFile(tmp, text, { mode });
  await fs.rename(tmp, target);
}
