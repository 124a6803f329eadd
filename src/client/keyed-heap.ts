/** A binary min-heap with removal by key (the scheduler queue's activeQ and backoffQ; the work queue's delayed keys). */
export class KeyedHeap<T> {
  readonly #items: T[] = [];
  readonly #pos = new Map<string, number>();
  readonly #key: (t: T) => string;
  readonly #less: (a: T, b: T) => boolean;

  constructor(key: (t: T) => string, less: (a: T, b: T) => boolean) {
    this.#key = key;
    this.#less = less;
  }

  get size(): number { return this.#items.length; }
  has(key: string): boolean { return this.#pos.has(key); }
  get(key: string): T | undefined { const i = this.#pos.get(key); return i === undefined ? undefined : this.#items[i]; }
  peek(): T | undefined { return this.#items[0]; }

  /** Adds or replaces (by key). */
  push(t: T): void {
    const k = this.#key(t);
    const i = this.#pos.get(k);
    if (i !== undefined) { this.#items[i] = t; this.#fix(i); return; }
    this.#items.push(t);
    this.#pos.set(k, this.#items.length - 1);
    this.#up(this.#items.length - 1);
  }

  pop(): T | undefined {
    if (!this.#items.length) return undefined;
    return this.#removeAt(0);
  }

  delete(key: string): T | undefined {
    const i = this.#pos.get(key);
    return i === undefined ? undefined : this.#removeAt(i);
  }

  *values(): IterableIterator<T> { yield* this.#items; }

  #removeAt(i: number): T {
    const items = this.#items;
    const out = items[i];
    const last = items.pop()!;
    this.#pos.delete(this.#key(out));
    if (i < items.length) { items[i] = last; this.#pos.set(this.#key(last), i); this.#fix(i); }
    return out;
  }

  #fix(i: number): void { if (!this.#up(i)) this.#down(i); }

  #swap(i: number, j: number): void {
    const a = this.#items[i];
    const b = this.#items[j];
    this.#items[i] = b; this.#items[j] = a;
    this.#pos.set(this.#key(b), i); this.#pos.set(this.#key(a), j);
  }

  #up(i: number): boolean {
    let moved = false;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.#less(this.#items[i], this.#items[p])) break;
      this.#swap(i, p); i = p; moved = true;
    }
    return moved;
  }

  #down(i: number): void {
    const n = this.#items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.#less(this.#items[l], this.#items[m])) m = l;
      if (r < n && this.#less(this.#items[r], this.#items[m])) m = r;
      if (m === i) return;
      this.#swap(i, m); i = m;
    }
  }
}
