/**
 * A first-in first-out queue with O(1) take: an array read from a moving head, compacted now
 * and then (`Array.prototype.shift` is O(n), which at 30 000 queued items is quadratic).
 */
export class Fifo<T> {
  #items: T[] = [];
  #head = 0;

  get size(): number { return this.#items.length - this.#head; }

  push(item: T): void { this.#items.push(item); }

  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head++] = undefined as T; // let it be collected
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) { this.#items = this.#items.slice(this.#head); this.#head = 0; }
    return item;
  }
}
