/**
 * k8ts' kube-scheduler. `createScheduler(deps)` registers its informers at once (call it
 * before `informers.start(signal)`), `run(signal)` schedules until the signal aborts.
 * `startScheduler` does both for callers that start the informers right after.
 */
import { createScheduler, type SchedulerDeps } from './scheduler.ts';

export { createScheduler, isSchedulable, SCHEDULER_NAME, type Scheduler, type SchedulerDeps } from './scheduler.ts';
export { fitErrorMessage } from './fit-error.ts';

/**
 * Registers the scheduler's informers and runs it; resolves when `signal` aborts. The caller
 * starts `deps.informers` (its `start(signal)` after this call returns synchronously).
 */
export function startScheduler(deps: SchedulerDeps, signal: AbortSignal): Promise<void> {
  return createScheduler(deps).run(signal);
}
