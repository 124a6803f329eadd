/** Every controller k8ts runs, by the name kube-controller-manager gives it. */
import type { Controller, ControllerContext } from './context.ts';
import { entry as replicaset } from './replicaset/index.ts';
import { entry as deployment } from './deployment/index.ts';
import { entry as nodelifecycle } from './nodelifecycle/index.ts';
import { entry as nodeipam } from './nodeipam/index.ts';
import { entry as garbagecollector } from './garbagecollector/index.ts';
import { entry as namespace } from './namespace/index.ts';

export interface ControllerEntry { name: string; create(ctx: ControllerContext): Controller }

export const CONTROLLERS: ControllerEntry[] = [replicaset, deployment, nodelifecycle, nodeipam, garbagecollector, namespace];
