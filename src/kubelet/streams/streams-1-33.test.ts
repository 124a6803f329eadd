import { streamsSuite } from './streams-suite.ts';

streamsSuite('1.33', { heavy: true, report: (l) => console.log(`# ${l}`) });
