/** Kinds with no behaviour of their own beyond validation and defaulting. */
import { resourceFor } from '../../../api/resources.ts';
import { defaultStrategy } from '../default-strategy.ts';

export const nodeStrategy = defaultStrategy(resourceFor('', 'v1', 'nodes')!, { allowCreateOnUpdate: false });
export const eventStrategy = defaultStrategy(resourceFor('', 'v1', 'events')!);
export const configMapStrategy = defaultStrategy(resourceFor('', 'v1', 'configmaps')!);
export const secretStrategy = defaultStrategy(resourceFor('', 'v1', 'secrets')!);
