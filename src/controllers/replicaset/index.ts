/** The ReplicaSet controller's entry for the controller manager (kube-controller-manager calls it "replicaset"). */
import type { ControllerEntry } from '../all.ts';
import { ReplicaSetController } from './controller.ts';

export { ReplicaSetController, COMPONENT } from './controller.ts';
export { syncReplicaSet } from './sync.ts';

export const entry: ControllerEntry = { name: 'replicaset', create: (ctx) => new ReplicaSetController(ctx) };
