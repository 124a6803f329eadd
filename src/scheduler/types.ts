/**
 * The scheduler framework's shapes, after kube-scheduler's
 * (pkg/scheduler/framework/interface.go): plugins per extension point, results as status
 * values. "Does not fit" is a `Status` with code Unschedulable, never a thrown error; only
 * `Error` means something broke. `undefined` is success.
 */
import type { Selector } from '../api/selectors/labels.ts';
import type { NodeInfo } from './node-info.ts';
import type { PodInfo } from './pod-info.ts';

export type Code = 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error';

export interface Status {
  readonly code: Code;
  readonly reasons: readonly string[];
  readonly plugin: string;
}

/** A status value; plugins keep the common ones as constants so the filter loop does not allocate. */
export const status = (plugin: string, code: Code, ...reasons: string[]): Status =>
  Object.freeze({ plugin, code, reasons: Object.freeze(reasons) });

/** Returned by `preFilter`/`preScore` when the plugin has nothing to check for this pod (framework.Skip). */
export const SKIP: unique symbol = Symbol('skip');
export type Skip = typeof SKIP;

/** What plugins may read of the cluster beyond one node: the scheduler cache, read-only. */
export interface ClusterView {
  /** Every node, in the cache's order. */
  nodes(): readonly NodeInfo[];
  node(name: string): NodeInfo | undefined;
  /** Assigned pods of `namespace` grouped by identical label sets (see cache.ts). */
  labelGroups(namespace: string): Iterable<LabelGroup>;
  /** Namespaces holding assigned pods. */
  namespaces(): Iterable<string>;
  /** Labels of a namespace, for affinity terms with a namespaceSelector (undefined: unknown). */
  namespaceLabels(name: string): Readonly<Record<string, string>> | undefined;
  /** Assigned pods with any pod affinity or anti-affinity term. */
  podsWithAffinity(): Iterable<AssignedPod>;
  /** Assigned pods with required anti-affinity terms. */
  podsWithRequiredAntiAffinity(): Iterable<AssignedPod>;
}

/** A pod in the cache and the node it is (or is assumed to be) on. */
export interface AssignedPod { readonly info: PodInfo; readonly node: string }

/** Assigned pods of one namespace sharing one label set, counted per node. */
export interface LabelGroup {
  readonly labels: Readonly<Record<string, string>>;
  /**
   * NodeInfo → number of such pods on it (a NodeInfo without a Node object holds pods bound
   * to a deleted node). Keyed by object rather than name: looking up a name hashes and
   * compares strings scattered over the heap, an object compares by identity.
   */
  readonly byNode: ReadonlyMap<NodeInfo, number>;
  /** `topology.kubernetes.io/zone` value → number of such pods on nodes of that zone */
  readonly byZone: ReadonlyMap<string, number>;
}

export interface FilterPlugin<S = unknown> {
  readonly name: string;
  /** Once per pod: computes the cycle state, or SKIP when the filter cannot reject this pod. */
  preFilter?(pod: PodInfo, view: ClusterView): S | Skip;
  filter(state: S, pod: PodInfo, node: NodeInfo): Status | undefined;
}

export interface ScorePlugin<S = unknown> {
  readonly name: string;
  /** Once per pod, given the feasible nodes. */
  preScore?(pod: PodInfo, nodes: readonly NodeInfo[], view: ClusterView): S | Skip;
  /** Raw score of one node. */
  score(state: S, pod: PodInfo, node: NodeInfo): number;
  /**
   * Optional: `out[i] = score(state, pod, nodes[i])` for every node, in one call, so the loop
   * over hundreds of nodes per pod calls one known function rather than a different plugin's
   * method at each step.
   */
  scoreAll?(state: S, pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array): void;
  /** Rewrites raw scores in place to 0–100 (NormalizeScore). */
  normalize?(state: S, scores: Float64Array, n: number): void;
}

export interface WeightedScorePlugin { plugin: ScorePlugin; weight: number }

/** Builds the default topology-spread selector of a pod (owning ReplicaSets …); undefined if none. */
export type DefaultSpreadSelector = (pod: PodInfo) => Selector | undefined;

/** The highest node score (framework.MaxNodeScore). */
export const MAX_NODE_SCORE = 100;
