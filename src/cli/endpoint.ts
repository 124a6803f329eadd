// Which address and port a command should talk to: the flags when given, else what the running
// server recorded (it may have been started with other flags), else the defaults.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Command } from 'commander';
import type { HttpTransportOptions } from '../client/http-transport.ts';
import { clientURL, type CliOptions } from './options.ts';
import { findServer, type ServerInfo } from './server-state.ts';
import type { ClientTLS } from './readyz.ts';

export interface Endpoint { bindAddress: string; port: number }

export function endpointFor(o: CliOptions, cmd: Command, info: ServerInfo | undefined): Endpoint {
  const given = (key: string) => cmd.getOptionValueSource(key) === 'cli';
  return {
    bindAddress: given('bindAddress') || !info ? o.bindAddress : info.bindAddress,
    port: given('apiPort') || !info ? o.apiPort : info.port,
  };
}

/** The admin credentials already on disk, without making any (status must not write files). */
export async function readClientTLS(dataDir: string): Promise<ClientTLS | undefined> {
  const dir = path.join(dataDir, 'pki');
  try {
    const [caCertPem, adminCertPem, adminKeyPem] = await Promise.all(
      ['ca.crt', 'admin.crt', 'admin.key'].map((f) => fs.readFile(path.join(dir, f), 'utf8')));
    return { caCertPem, adminCertPem, adminKeyPem };
  } catch {
    return undefined;
  }
}

/** The admin credentials of the cluster in `o.dataDir` and where to reach it, or undefined before its first start. */
export async function localAdmin(o: CliOptions, cmd: Command): Promise<HttpTransportOptions | undefined> {
  const tls = await readClientTLS(o.dataDir);
  if (!tls) return undefined;
  const found = await findServer(o.dataDir);
  const ep = endpointFor(o, cmd, found.state === 'running' ? found.info : undefined);
  return { server: clientURL(ep.bindAddress, ep.port), ca: tls.caCertPem, cert: tls.adminCertPem, key: tls.adminKeyPem };
}
