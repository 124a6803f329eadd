// @peculiar/x509 wires its algorithm providers with tsyringe, which refuses to load unless the
// Reflect metadata API (the `reflect-metadata` package) is present. It only stores and reads
// constructor parameter lists, so this small in-memory version is enough and saves a dependency.
// Import this module before '@peculiar/x509' (./x509.ts does).
type Key = string | symbol;
type Target = object;
interface MetadataReflect {
  getMetadata?: (key: Key, target: Target, prop?: Key) => unknown;
  getOwnMetadata?: (key: Key, target: Target, prop?: Key) => unknown;
  defineMetadata?: (key: Key, value: unknown, target: Target, prop?: Key) => void;
}

const R = Reflect as unknown as MetadataReflect;
if (typeof R.getMetadata !== 'function') {
  const store = new WeakMap<Target, Map<string, unknown>>();
  const slot = (key: Key, prop?: Key) => `${String(prop ?? '')}\u0000${String(key)}`;
  R.getOwnMetadata = (key, target, prop) => store.get(target)?.get(slot(key, prop));
  R.defineMetadata = (key, value, target, prop) => {
    let m = store.get(target);
    if (!m) store.set(target, (m = new Map()));
    m.set(slot(key, prop), value);
  };
  R.getMetadata = (key, target, prop) => {
    for (let t: Target | null = target; t; t = Object.getPrototypeOf(t)) {
      const m = store.get(t);
      if (m?.has(slot(key, prop))) return m.get(slot(key, prop));
    }
    return undefined;
  };
}
