import { streamsSuite } from './streams-suite.ts';

streamsSuite('1.30', { report: (l) => console.log(`# ${l}`) });
