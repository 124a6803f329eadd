import { nodeSuite } from './node-suite.ts';

nodeSuite('1.27', { full: false });
