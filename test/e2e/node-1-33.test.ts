import { nodeSuite } from './node-suite.ts';

nodeSuite('1.33', { full: true });
