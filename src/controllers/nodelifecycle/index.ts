/** Registration of the node lifecycle controller (kube-controller-manager's "node-lifecycle-controller"). */
import type { ControllerEntry } from '../all.ts';
import { NAME, NodeLifecycleController } from './controller.ts';
import { depsFrom } from './deps.ts';

export { NodeLifecycleController } from './controller.ts';
export { depsFrom, type LifecycleDeps } from './deps.ts';

export const entry: ControllerEntry = {
  name: NAME,
  create: (ctx) => new NodeLifecycleController(depsFrom(ctx), ctx.options.workers),
};
