// Where the generated OpenAPI documents are: build/openapi/ at the checkout's root, found by walking
// up from this file to the directory holding package.json. A fixed '../../../' would only be right
// from src/apiserver/openapi/, not from the stripped copy in build/js/apiserver/openapi/.
import { existsSync } from 'node:fs';

function repoRoot(from: URL): URL {
  for (let dir = new URL('./', from); ; dir = new URL('../', dir)) {
    if (existsSync(new URL('package.json', dir))) return dir;
    if (dir.pathname === '/') return new URL('../../../', from); // no package.json: the source layout
  }
}

export const OPENAPI_BUILD_DIR: URL = new URL('build/openapi/', repoRoot(new URL(import.meta.url)));
