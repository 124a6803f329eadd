import { streamsSuite } from './streams-suite.ts';

streamsSuite('1.27', { report: (l) => console.log(`# ${l}`) });
