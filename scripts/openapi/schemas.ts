/**
 * Reads the interfaces of `kubernetes-types` (its .d.ts files, through the TypeScript parser) and turns
 * them into OpenAPI schemas named the way the Kubernetes API server names its definitions
 * (`io.k8s.api.core.v1.Pod`, …). The JSDoc of each interface and member becomes its `description`.
 *
 * The schemas here are version-neutral: a reference is `{ $ref: '<definition name>' }`. The v2 and v3
 * renderers (render.ts) turn that into `#/definitions/…` or `#/components/schemas/…`.
 */
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';

export interface Schema {
  $ref?: string;
  description?: string;
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema;
  [ext: `x-${string}`]: unknown;
}

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

/** kubernetes-types folder → the Go package path the API server uses in definition names. */
export function packageName(module: string): string {
  switch (module) {
    case 'meta/v1': return 'io.k8s.apimachinery.pkg.apis.meta.v1';
    case 'api/resource': return 'io.k8s.apimachinery.pkg.api.resource';
    case 'runtime': return 'io.k8s.apimachinery.pkg.runtime';
    case 'version': return 'io.k8s.apimachinery.pkg.version';
    case 'apiextensions/v1': return 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';
    default: return `io.k8s.api.${module.replace('/', '.')}`;
  }
}

interface ParsedModule {
  decls: Map<string, ts.InterfaceDeclaration | ts.TypeAliasDeclaration>;
  imports: Map<string, string>; // local name → module ('meta/v1')
}

/** Lazily parses the kubernetes-types modules a closure reaches and converts their declarations. */
export class SchemaSource {
  private readonly root: string;
  private readonly modules = new Map<string, ParsedModule>();
  readonly schemas = new Map<string, Schema>();

  constructor() {
    const require = createRequire(import.meta.url);
    this.root = dirname(require.resolve('kubernetes-types/package.json'));
  }

  /** Converts `name` from `module` and every definition it references; returns the definition name. */
  add(module: string, name: string): string {
    const full = `${packageName(module)}.${name}`;
    if (this.schemas.has(full)) return full;
    const decl = this.module(module).decls.get(name);
    if (!decl) throw new Error(`kubernetes-types: no ${name} in ${module}`);
    this.schemas.set(full, {}); // placeholder first: the API has recursive types (JSONSchemaProps)
    this.schemas.set(full, this.declaration(module, decl));
    return full;
  }

  private module(module: string): ParsedModule {
    let m = this.modules.get(module);
    if (m) return m;
    const file = join(this.root, `${module}.d.ts`);
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    m = { decls: new Map(), imports: new Map() };
    for (const st of sf.statements) {
      if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) m.decls.set(st.name.text, st);
      else if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
        const target = join(dirname(module), st.moduleSpecifier.text).replaceAll('\\', '/');
        const named = st.importClause?.namedBindings;
        if (named && ts.isNamedImports(named)) for (const el of named.elements) m.imports.set(el.name.text, target);
      }
    }
    this.modules.set(module, m);
    return m;
  }

  private declaration(module: string, decl: ts.InterfaceDeclaration | ts.TypeAliasDeclaration): Schema {
    const description = jsDoc(decl);
    const name = decl.name.text;
    if (ts.isTypeAliasDeclaration(decl)) return withDescription(aliasSchema(module, name, this.type(module, decl.type, name)), description);
    const s: Schema = withDescription({ type: 'object' }, description);
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const m of decl.members) {
      if (ts.isIndexSignatureDeclaration(m)) { s.additionalProperties = this.type(module, m.type, ''); continue; }
      if (!ts.isPropertySignature(m) || !m.type) continue;
      const key = ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : m.name.getText();
      properties[key] = withDescription(this.type(module, m.type, key), jsDoc(m));
      if (!m.questionToken) required.push(key);
    }
    if (Object.keys(properties).length) s.properties = properties;
    if (required.length) s.required = required.sort();
    return s;
  }

  private type(module: string, node: ts.TypeNode, field: string): Schema {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword: return { type: 'string' };
      case ts.SyntaxKind.BooleanKeyword: return { type: 'boolean' };
      case ts.SyntaxKind.NumberKeyword: return numberSchema(field);
      case ts.SyntaxKind.AnyKeyword: case ts.SyntaxKind.UnknownKeyword: case ts.SyntaxKind.ObjectKeyword: return { type: 'object' };
    }
    if (ts.isLiteralTypeNode(node)) return ts.isStringLiteral(node.literal) ? { type: 'string' } : { type: 'boolean' };
    if (ts.isParenthesizedTypeNode(node)) return this.type(module, node.type, field);
    if (ts.isArrayTypeNode(node)) return { type: 'array', items: this.type(module, node.elementType, field) };
    if (ts.isUnionTypeNode(node)) {
      const kinds = node.types.map((t) => t.kind).sort();
      if (kinds.length === 2 && kinds.includes(ts.SyntaxKind.NumberKeyword) && kinds.includes(ts.SyntaxKind.StringKeyword)) {
        this.intOrString();
        return { $ref: INT_OR_STRING };
      }
      return {}; // JSONSchemaPropsOr…: any JSON value
    }
    if (ts.isTypeLiteralNode(node)) {
      const index = node.members.find(ts.isIndexSignatureDeclaration);
      return index ? { type: 'object', additionalProperties: this.type(module, index.type, '') } : { type: 'object' };
    }
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
      const ref = node.typeName.text;
      if ((ref === 'Array' || ref === 'ReadonlyArray') && node.typeArguments?.length === 1) {
        return { type: 'array', items: this.type(module, node.typeArguments[0], field) };
      }
      if (ref === 'Record' && node.typeArguments?.length === 2) return { type: 'object', additionalProperties: this.type(module, node.typeArguments[1], '') };
      const target = this.module(module).imports.get(ref) ?? module;
      return { $ref: this.add(target, ref) };
    }
    throw new Error(`kubernetes-types ${module}: unsupported type ${ts.SyntaxKind[node.kind]} for ${field}`);
  }

  /** IntOrString is a Go type that kubernetes-types inlines as `number | string`; upstream names it. */
  private intOrString(): void {
    if (this.schemas.has(INT_OR_STRING)) return;
    this.schemas.set(INT_OR_STRING, {
      description: 'IntOrString holds either an integer or a string. In JSON it is written as the bare number or the bare string.',
      type: 'string', format: 'int-or-string', 'x-kubernetes-int-or-string': true,
    });
  }
}

/** Named aliases of string: Time and MicroTime carry a date-time format; Quantity takes a number or a string. */
function aliasSchema(module: string, name: string, s: Schema): Schema {
  if (module === 'meta/v1' && name === 'Time') return { type: 'string', format: 'date-time' };
  if (module === 'meta/v1' && name === 'MicroTime') return { type: 'string', format: 'date-time' };
  if (module === 'api/resource' && name === 'Quantity') return { type: 'string', 'x-kubernetes-int-or-string': true };
  return s;
}

/**
 * kubernetes-types writes every Go integer as `number`. The API has no float fields in the groups we
 * serve, so a number is an integer; 64-bit where Kubernetes uses int64 (seconds, generations, user and
 * group ids, byte counts), 32-bit otherwise.
 */
function numberSchema(field: string): Schema {
  const int64 = /^(terminationGracePeriodSeconds|activeDeadlineSeconds|deletionGracePeriodSeconds|gracePeriodSeconds|tolerationSeconds|expirationSeconds|sinceSeconds|startingDeadlineSeconds|runAsUser|runAsGroup|fsGroup|supplementalGroups|value|limit|remainingItemCount|revision)$|[gG]eneration$|Bytes$/;
  return { type: 'integer', format: int64.test(field) ? 'int64' : 'int32' };
}

function withDescription(s: Schema, description: string | undefined): Schema {
  return description ? { description, ...s } : s;
}

/** The JSDoc text of a node, lines joined the way the Go comments were (paragraphs kept). */
function jsDoc(node: ts.Node): string | undefined {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  if (!docs?.length) return undefined;
  const c = docs[docs.length - 1].comment;
  const text = typeof c === 'string' ? c : c?.map((p) => p.text).join('');
  return text?.trim() || undefined;
}
