/**
 * What one sync works with: the client, listers, clock and recorder (shared by every
 * sync), and the per-sync state: a mutable copy of the deployment, updated as writes
 * return, and the requeue delay progress.ts may ask for.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import type { Clock } from '../../client/clock.ts';
import type { EventRecorder } from '../../client/events.ts';
import type { Lister } from '../../client/lister.ts';
import type { Client } from '../../client/types.ts';

export interface Deps {
  client: Client;
  deployments: Lister<Deployment>;
  replicaSets: Lister<ReplicaSet>;
  pods: Lister<Pod>;
  clock: Clock;
  recorder: EventRecorder;
  log(line: string): void;
}

export interface SyncState {
  deps: Deps;
  /** Our copy of the deployment: metadata and spec as stored, status as we last wrote or read it. */
  d: Deployment;
  /** Set when the deployment must be looked at again later (progress deadline). */
  requeueAfter?: number;
}
