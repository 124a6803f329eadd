// The k8ts command line. Exit codes: 0 ok, 1 failure, 2 usage.
import { Command, CommanderError } from 'commander';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from './cli-error.ts';
import { addClusterFlags, addFlags, resolveOptions } from './options.ts';
import { addNodeCommand, simulatedNodesOption } from './cmd-node.ts';
import { addImageCommand } from './cmd-image.ts';
import { addDashboardCommand } from './cmd-dashboard.ts';

const out = (l: string) => console.log(l);

export function buildProgram(): Command {
  const program = new Command('k8ts')
    .description('A Kubernetes-compatible cluster in TypeScript')
    .exitOverride() // before .command(): subcommands inherit it
    .showHelpAfterError('(run "k8ts help <command>" for usage)');

  addFlags(addClusterFlags(program.command('up').description('start the cluster in the background and configure kubectl').addOption(simulatedNodesOption())),
    ['data-dir', 'api-port', 'bind-address', 'datastore', 'kubeconfig', 'verbose'],
    'kubeconfig file to merge the "k8ts" context into (default: first $KUBECONFIG path or ~/.kube/config; - for stdout)')
    .action(async (raw) => (await import('./cmd-up.ts')).runUp(resolveOptions(raw)));

  addFlags(program.command('down').description('stop the cluster started by "k8ts up"'), ['data-dir', 'verbose'])
    .action(async (raw) => (await import('./cmd-down.ts')).runDown(resolveOptions(raw).dataDir, out));

  addFlags(program.command('status').description('show whether the cluster runs and answers (exit 1 when not)'),
    ['data-dir', 'api-port', 'bind-address'])
    .action(async (raw, cmd: Command) => (await import('./cmd-status.ts')).runStatus(resolveOptions(raw), cmd, out));

  addFlags(addClusterFlags(program.command('server').description('run the cluster (API server, controllers, scheduler, node) in the foreground').addOption(simulatedNodesOption())),
    ['data-dir', 'api-port', 'bind-address', 'datastore', 'verbose'])
    .action(async (raw) => (await import('./cmd-server.ts')).runServer(resolveOptions(raw)));

  addFlags(program.command('kubeconfig').description('print a kubeconfig for this cluster'),
    ['data-dir', 'api-port', 'bind-address', 'kubeconfig'],
    'merge into this file instead of printing (- for stdout)')
    .action(async (raw, cmd: Command) => (await import('./cmd-kubeconfig.ts')).runKubeconfig(resolveOptions(raw), cmd, out));

  // `./k8ts test` is run by the launcher (it type-checks and runs node --test); listed here for help.
  program.command('test').description('run the whole test suite: type-check, unit tests, the real kubectl end to end')
    .action(() => { throw new CliError('run the suite through the launcher: ./k8ts test'); });

  addNodeCommand(program, out);
  addImageCommand(program);
  addDashboardCommand(program);

  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    // Commander has already printed its message (and help) for usage errors.
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_USAGE;
    if (e instanceof CliError) {
      console.error(`k8ts: ${e.message}`);
      return e.exitCode;
    }
    console.error(`k8ts: unexpected error: ${(e as Error).stack ?? String(e)}`);
    return EXIT_FAILURE;
  }
}

if (import.meta.main) {
  const code = await main(process.argv.slice(2));
  // `server` keeps running on its own (signal handlers exit it); everything else ends here.
  if (code !== 0 || process.argv[2] !== 'server') process.exitCode = code;
}
