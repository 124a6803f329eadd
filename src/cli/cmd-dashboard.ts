// `k8ts dashboard`: serves the web UI (src/dashboard/) on a loopback port and prints its login link.
import { spawn } from 'node:child_process';
import { Option, type Command } from 'commander';
import { CliError } from './cli-error.ts';
import { addFlags, parsePort, resolveOptions, tildePath, type CliOptions } from './options.ts';
import type { HttpTransportOptions } from '../client/http-transport.ts';

export const DEFAULT_DASHBOARD_PORT = 63840;

export function addDashboardCommand(program: Command): Command {
  const cmd = program.command('dashboard').description('serve the web dashboard on 127.0.0.1 and print its login link')
    .addOption(new Option('--port <port>', 'port to serve on (0: any free port)').argParser(parsePort).default(DEFAULT_DASHBOARD_PORT))
    .addOption(new Option('--open', 'open the dashboard in the default browser').default(false))
    .addOption(new Option('--context <name>', 'kubeconfig context to use (with --kubeconfig)'));
  addFlags(cmd, ['data-dir', 'api-port', 'bind-address', 'kubeconfig'],
    'act as the current context of this kubeconfig (default: the admin credentials of the cluster in --data-dir)');
  return cmd.action(async (raw: Record<string, unknown>, c: Command) => {
    const o = resolveOptions(raw);
    const api = await credentials(o, typeof raw.context === 'string' ? raw.context : undefined, c);
    const { startDashboard } = await import('../dashboard/server/server.ts');
    let d;
    try {
      d = await startDashboard({ api: api.options, port: Number(raw.port) });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliError(`port ${String(raw.port)} is in use; pick another with --port`);
      throw e;
    }
    console.log(`k8ts dashboard for ${api.options.server} (as ${api.who})`);
    console.log(`open: ${d.loginURL}`);
    console.log('(the link holds the login token; press Ctrl-C to stop)');
    if (raw.open === true) spawn('xdg-open', [d.loginURL], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
    await new Promise<void>((resolve) => {
      const stop = () => { void d.close().then(resolve); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  });
}

/** --kubeconfig when given, else the admin credentials of the local cluster (as the "k8ts" kubectl context has). */
async function credentials(o: CliOptions, context: string | undefined, cmd: Command): Promise<{ options: HttpTransportOptions; who: string }> {
  const { kubeconfigOptions } = await import('../client/kubeconfig.ts');
  if (o.kubeconfig) {
    try {
      return { options: kubeconfigOptions(o.kubeconfig, context), who: `${tildePath(o.kubeconfig)}${context ? ` context ${context}` : ''}` };
    } catch (e) {
      throw new CliError(`cannot use kubeconfig ${o.kubeconfig}: ${(e as Error).message}`);
    }
  }
  const { localAdmin } = await import('./endpoint.ts');
  const options = await localAdmin(o, cmd);
  if (!options) throw new CliError(`no cluster credentials in ${tildePath(o.dataDir)}/pki: start one with "k8ts up", or pass --kubeconfig`);
  return { options, who: `the cluster admin of ${tildePath(o.dataDir)}` };
}
