// Progress lines for commands that do several things in a row: "✓ what (12 ms)".
export type Out = (line: string) => void;

export async function step<T>(out: Out, label: (result: T) => string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  out(`✓ ${label(result)} (${Math.round(performance.now() - start)} ms)`);
  return result;
}
