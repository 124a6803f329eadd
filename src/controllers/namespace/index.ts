/**
 * The namespace controller's entry for src/controllers/all.ts (kube-controller-manager's
 * "namespace"). Finalizing goes through the Transport (the typed client has no finalize call).
 */
import type { ControllerEntry } from '../all.ts';
import { NamespaceController } from './controller.ts';
import { finalizeVia } from './finalize.ts';

export { NamespaceController, PROTECTED_NAMESPACES } from './controller.ts';
export { finalizeVia, withoutOurFinalizer, FINALIZER_KUBERNETES, type FinalizeFn } from './finalize.ts';
export { wantedConditions, mergeConditions, type ContentReport } from './conditions.ts';
export { deleteAllContent, estimateForPods, deletableResources } from './deleter.ts';


export const entry: ControllerEntry = { name: 'namespace', create: (ctx) => new NamespaceController(ctx, finalizeVia(ctx.transport)) };
