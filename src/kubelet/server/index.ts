export { createKubeletServer, newerLogExists, type KubeletServerOptions, type KubeletServerTLS, type LogFileLookup, type RunningKubeletServer } from './server.ts';
export { KUBELET_CLIENT_USER } from './authz.ts';
export { criLogPath } from './log-path.ts';
