/** The garbage collector's entry for src/controllers/all.ts (kube-controller-manager's "garbagecollector"). */
import type { ControllerEntry } from '../all.ts';
import { GarbageCollector } from './controller.ts';

export { GarbageCollector, UID_INDEX, OWNER_UID_INDEX } from './controller.ts';
export * from './graph.ts';
export { GC_KINDS, kindOf, type KindInfo } from './kinds.ts';

export const entry: ControllerEntry = { name: 'garbagecollector', create: (ctx) => new GarbageCollector(ctx) };
