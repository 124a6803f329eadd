/**
 * The one profile k8ts runs: kube-scheduler's default plugins that apply to what k8ts serves,
 * in the default order, with the default score weights
 * (pkg/scheduler/apis/config/v1/default_plugins.go). No preemption (PostFilter), no volume
 * or DRA plugins, no ImageLocality.
 */
import * as interPodAffinity from './plugins/inter-pod-affinity/index.ts';
import * as nodeAffinity from './plugins/node-affinity/index.ts';
import * as nodeName from './plugins/node-name/index.ts';
import * as nodePorts from './plugins/node-ports/index.ts';
import * as balanced from './plugins/node-resources-balanced-allocation/index.ts';
import * as fit from './plugins/node-resources-fit/index.ts';
import * as nodeUnschedulable from './plugins/node-unschedulable/index.ts';
import * as spread from './plugins/pod-topology-spread/index.ts';
import * as taints from './plugins/taint-toleration/index.ts';
import type { DefaultSpreadSelector, FilterPlugin, WeightedScorePlugin } from './types.ts';

export interface Profile {
  filters: FilterPlugin[];
  scores: WeightedScorePlugin[];
}

export function defaultProfile(spreadSelector: DefaultSpreadSelector = () => undefined): Profile {
  return {
    filters: [
      nodeUnschedulable.filter, nodeName.filter, taints.filter, nodeAffinity.filter, nodePorts.filter,
      fit.filter, interPodAffinity.filter,
    ] as FilterPlugin[],
    scores: [
      { plugin: taints.score, weight: 3 },
      { plugin: nodeAffinity.score, weight: 2 },
      { plugin: fit.score, weight: 1 },
      { plugin: spread.newScorePlugin(spreadSelector), weight: 2 },
      { plugin: interPodAffinity.score, weight: 2 },
      { plugin: balanced.score, weight: 1 },
    ] as WeightedScorePlugin[],
  };
}
