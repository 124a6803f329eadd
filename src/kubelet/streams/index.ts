export { createStreamHandler, DEFAULT_STREAM_IDLE_TIMEOUT_MS, parseStreamPath, type StreamHandler, type StreamHandlerOptions, type StreamRoute } from './handler.ts';
export { findContainer, findSandbox, type Lookup } from './resolve.ts';
