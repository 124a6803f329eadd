/**
 * Shapes shared by the probers (pkg/kubelet/prober, pkg/probe): the outcome of one probe or
 * lifecycle-hook handler, and the read side of the probe results that the plan and the status
 * consult.
 */
import type { Container } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import type { ObservedContainer } from '../pods/observed.ts';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/**
 * One handler run: success or failure with the text Kubernetes puts in the event, or an error
 * (the probe could not be run: its result is thrown away, as pkg/kubelet/prober/worker.go does).
 */
export type ProbeOutcome = { result: 'success' | 'failure'; output: string } | { result: 'error'; output: string };

/** What the probe results say about one container instance (ids change on restart). */
export interface ProbeView {
  /** The startup probe succeeded, or the container has none. */
  started(spec: DeepReadonly<Container>, c: ObservedContainer): boolean;
  /** The readiness probe succeeded, or the container has none (only asked once started). */
  ready(spec: DeepReadonly<Container>, c: ObservedContainer): boolean;
  /** Which probe failed past its threshold: the container is to be killed. */
  failed(spec: DeepReadonly<Container>, c: ObservedContainer): 'liveness' | 'startup' | undefined;
}

/** Without probe results: every running container counts as started and ready. */
export const noProbes: ProbeView = { started: () => true, ready: () => true, failed: () => undefined };

/** "Liveness" etc., as events spell the probe type. */
export const probeTitle = (k: ProbeKind) => k[0].toUpperCase() + k.slice(1);
