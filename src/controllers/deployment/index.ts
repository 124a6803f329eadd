/** The Deployment controller: entry for src/controllers/all.ts. */
import type { ControllerEntry } from '../all.ts';
import { DeploymentController } from './controller.ts';

export { DeploymentController } from './controller.ts';
export { syncDeployment } from './sync.ts';
export { computeHash } from './hash.ts';

export const entry: ControllerEntry = { name: 'deployment', create: (ctx) => new DeploymentController(ctx) };
