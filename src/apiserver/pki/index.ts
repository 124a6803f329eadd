export { ensurePKI, ADMIN_GROUP, ADMIN_USER, CA_NAME, type EnsurePKIOptions, type PKI } from './ensure.ts';
export { verifyClientCert, type ClientIdentity } from './client-identity.ts';
export { ensureKubeletClientCert, ensureKubeletServingCert, ensureLeafPair, KUBELET_CLIENT_CN } from './kubelet-certs.ts';
