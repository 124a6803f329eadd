// `k8ts status`: is the server of this data dir running, where, and does it answer /readyz.
// Exits 0 only when it runs and is ready, so scripts can wait on it.
import type { Command } from 'commander';
import { CliError } from './cli-error.ts';
import { endpointFor, readClientTLS } from './endpoint.ts';
import { clientURL, tildePath, type CliOptions } from './options.ts';
import { probeReadyz } from './readyz.ts';
import { findServer, logFile } from './server-state.ts';
import type { Out } from './steps.ts';

export async function runStatus(o: CliOptions, cmd: Command, out: Out): Promise<void> {
  const found = await findServer(o.dataDir);
  const info = found.state === 'running' ? found.info : undefined;
  const ep = endpointFor(o, cmd, info);
  const url = info && cmd.getOptionValueSource('apiPort') !== 'cli' && cmd.getOptionValueSource('bindAddress') !== 'cli' ? info.url : clientURL(ep.bindAddress, ep.port);
  const tls = await readClientTLS(o.dataDir);
  const probe = tls ? await probeReadyz(url, tls) : { ok: false, error: 'no certificates yet (never started)' };
  const ready = probe.ok ? 'ok' : probe.status ? `HTTP ${probe.status} ${probe.body ?? ''}`.trim() : probe.error;

  out(`server:   ${found.state === 'running' ? `running (pid ${found.pid})` : found.state === 'stale' ? `not running (stale pid file: pid ${found.pid}, ${found.why})` : 'not running'}`);
  out(`url:      ${url}`);
  out(`readyz:   ${ready}`);
  out(`data dir: ${o.dataDir}`);
  out(`log:      ${tildePath(logFile(o.dataDir))}`);
  if (found.state !== 'running') throw new CliError('k8ts is not running: start it with "k8ts up"');
  if (!probe.ok) throw new CliError(`k8ts is running but not ready: see ${tildePath(logFile(o.dataDir))}`);
}
