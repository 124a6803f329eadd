/** Every controller k8ts runs, by the name kube-controller-manager gives it. */
import type { Controller, ControllerContext } from './context.ts';

export interface ControllerEntry { name: string; create(ctx: ControllerContext): Controller }

export const CONTROLLERS: ControllerEntry[] = [];
