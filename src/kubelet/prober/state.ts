/**
 * The result bookkeeping of one probe worker (pkg/kubelet/prober/worker.go doProbe), pure:
 * a new container instance starts from the probe type's initial result (readiness: failure,
 * liveness: success, startup: unknown); a result changes only after `successThreshold` /
 * `failureThreshold` equal outcomes in a row; errors (the probe could not run) are thrown
 * away; a liveness or startup failure puts the worker on hold until the container is replaced.
 */
import type { Probe } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import type { ProbeKind } from './types.ts';

export type Result = 'success' | 'failure' | 'unknown';

export interface WorkerState {
  containerId?: string;
  result: Result;
  lastOutcome?: 'success' | 'failure';
  run: number;
  onHold: boolean;
}

export interface Thresholds { successThreshold: number; failureThreshold: number }

export const initialResult = (k: ProbeKind): Result => (k === 'readiness' ? 'failure' : k === 'liveness' ? 'success' : 'unknown');

export const freshState = (k: ProbeKind, containerId?: string): WorkerState => ({ containerId, result: initialResult(k), run: 0, onHold: false });

/** The API's defaults for fields a probe leaves out (pkg/apis/core/v1/defaults.go SetDefaults_Probe). */
export function probeTiming(p: DeepReadonly<Probe>, k: ProbeKind): Thresholds & { initialDelayMs: number; periodMs: number } {
  return {
    initialDelayMs: (p.initialDelaySeconds ?? 0) * 1000,
    periodMs: (p.periodSeconds || 10) * 1000,
    // Liveness and startup must succeed once (validation enforces 1).
    successThreshold: k === 'readiness' ? p.successThreshold || 1 : 1,
    failureThreshold: p.failureThreshold || 3,
  };
}

/** Folds one outcome into the state; `changed` when the reported result moved. */
export function record(k: ProbeKind, s: WorkerState, outcome: 'success' | 'failure' | 'error', t: Thresholds): { state: WorkerState; changed: boolean } {
  if (outcome === 'error' || s.onHold) return { state: s, changed: false };
  const run = s.lastOutcome === outcome ? s.run + 1 : 1;
  const next: WorkerState = { ...s, lastOutcome: outcome, run };
  const need = outcome === 'success' ? t.successThreshold : t.failureThreshold;
  if (run < need) return { state: next, changed: false };
  const changed = next.result !== outcome;
  next.result = outcome;
  // A failed liveness/startup probe means a restart: stop probing this instance.
  if (outcome === 'failure' && k !== 'readiness') { next.onHold = true; next.run = 0; }
  return { state: next, changed };
}
