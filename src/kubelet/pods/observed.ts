/**
 * What the kubelet observed of one pod in the runtime, independent of the CRI wire types
 * (the real kubelet's kubecontainer.PodStatus, pkg/kubelet/container/runtime.go). Times are
 * milliseconds since the epoch. Built from CRI listings by observe.ts; read by the pure
 * planner (plan.ts) and status generator (status.ts).
 */

export type ContainerRuntimeState = 'created' | 'running' | 'exited' | 'unknown';
export type ContainerKind = 'init' | 'regular' | 'ephemeral';

export interface ObservedSandbox {
  id: string;
  ready: boolean;
  attempt: number;
  createdAt: number;
  ip?: string;
  /** Further IPs (dual stack). */
  extraIPs?: string[];
}

export interface ObservedContainer {
  id: string;
  name: string;
  sandboxId: string;
  kind: ContainerKind;
  state: ContainerRuntimeState;
  /** From the restart-count annotation the kubelet set when creating it. */
  restartCount: number;
  /** The spec hash annotation (containerHash). */
  hash: string;
  /** The image as the spec named it, and the runtime's resolved image and id. */
  image: string;
  imageRef?: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  message?: string;
}

export interface ObservedPod {
  uid: string;
  /** Newest first. */
  sandboxes: ObservedSandbox[];
  /** Newest first (by createdAt). */
  containers: ObservedContainer[];
}

/** Newest first, as the planner expects. */
export function sortObserved(p: ObservedPod): ObservedPod {
  return {
    uid: p.uid,
    sandboxes: [...p.sandboxes].sort((a, b) => b.createdAt - a.createdAt || b.attempt - a.attempt),
    containers: [...p.containers].sort((a, b) => b.createdAt - a.createdAt || b.restartCount - a.restartCount),
  };
}

/** The newest instance of container `name` (optionally only in sandbox `sandboxId`). */
export function latestContainer(p: ObservedPod, name: string, kind: ContainerKind, sandboxId?: string): ObservedContainer | undefined {
  return p.containers.find((c) => c.name === name && c.kind === kind && (sandboxId === undefined || c.sandboxId === sandboxId));
}

/** Every instance of `name`, newest first. */
export function instancesOf(p: ObservedPod, name: string, kind: ContainerKind): ObservedContainer[] {
  return p.containers.filter((c) => c.name === name && c.kind === kind);
}
