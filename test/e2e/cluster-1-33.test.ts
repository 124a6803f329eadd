import { clusterSuite } from './cluster-suite.ts';

clusterSuite('1.33');
