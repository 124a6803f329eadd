import { streamsSuite } from './streams-suite.ts';

// The `kubectl` dispatcher on PATH picks kubectl.1.<minor> from the server's /version.
streamsSuite('kubectl');
