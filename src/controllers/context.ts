/**
 * What every controller gets: an API client, shared informers, a clock, a name generator
 * and an event recorder. Nothing else: controllers are API clients like any other, and
 * never touch the store or the API server's internals (DESIGN.md).
 */
import type { Clock } from '../client/clock.ts';
import type { EventRecorder } from '../client/events.ts';
import type { InformerFactory } from '../client/informer-factory.ts';
import type { NameGenerator } from '../client/names.ts';
import type { Client } from '../client/types.ts';
import type { Transport } from '../client/transport.ts';

export interface ControllerContext {
  client: Client;
  /** The client's transport, for the rare subresource the typed client has no call for (namespaces/finalize). */
  transport: Transport;
  informers: InformerFactory;
  clock: Clock;
  names: NameGenerator;
  /** An event recorder reporting as `component` (e.g. "replicaset-controller"). */
  recorder(component: string): EventRecorder;
  log(line: string): void;
  /** Tunables with Kubernetes' defaults (kube-controller-manager flags). */
  options: ControllerOptions;
}

export interface ControllerOptions {
  /** --node-monitor-grace-period: a node whose lease is older is NotReady/Unknown. Default 40 s. */
  nodeMonitorGracePeriodMs: number;
  /** How often the node lifecycle controller looks at leases. Default 5 s. */
  nodeMonitorPeriodMs: number;
  /** Workers per controller (--concurrent-*-syncs). Default 5. */
  workers: number;
  /** --cluster-cidr: pod addresses of the whole cluster. Default 10.244.0.0/16. */
  clusterCIDR: string;
  /** --node-cidr-mask-size: each node's share of it. Default 24. */
  nodeCIDRMaskSize: number;
}

export const DEFAULT_CONTROLLER_OPTIONS: ControllerOptions = {
  nodeMonitorGracePeriodMs: 40_000,
  nodeMonitorPeriodMs: 5_000,
  workers: 5,
  clusterCIDR: '10.244.0.0/16',
  nodeCIDRMaskSize: 24,
};

/** A controller: declared watches feed a work queue; `run` returns when `signal` aborts. */
export interface Controller {
  readonly name: string;
  run(signal: AbortSignal): Promise<void>;
}
