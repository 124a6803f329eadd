// The one place that loads @peculiar/x509: the Reflect shim must run first, and the library
// must be told to use Node's WebCrypto. Import x509 from here, not from the package.
import './reflect-metadata-shim.ts';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };
