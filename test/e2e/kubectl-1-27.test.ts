import { kubectlSuite } from './kubectl-suite.ts';

kubectlSuite('1.27');
