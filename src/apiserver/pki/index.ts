export { ensurePKI, ADMIN_GROUP, ADMIN_USER, CA_NAME, type EnsurePKIOptions, type PKI } from './ensure.ts';
export { verifyClientCert, type ClientIdentity } from './client-identity.ts';
