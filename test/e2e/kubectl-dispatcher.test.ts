import { kubectlSuite } from './kubectl-suite.ts';

kubectlSuite('kubectl');
