/** An async queue of terminal sizes, fed from the resize channel (JSON lines that may be split). */
import { parseResize, type TerminalSize } from './protocols.ts';

export class ResizeQueue implements AsyncIterable<TerminalSize> {
  #items: TerminalSize[] = [];
  #waiters: ((r: IteratorResult<TerminalSize>) => void)[] = [];
  #ended = false;
  #partial = '';

  /** Feeds raw channel bytes; each complete line is one size. */
  feed(chunk: Buffer | string): void {
    const lines = (this.#partial + chunk.toString()).split('\n');
    this.#partial = lines.pop() ?? '';
    for (const l of lines) {
      const size = l.trim() ? parseResize(l) : undefined;
      if (size) this.push(size);
    }
  }

  push(size: TerminalSize): void {
    if (this.#ended) return;
    const w = this.#waiters.shift();
    if (w) w({ value: size, done: false });
    else this.#items.push(size);
  }

  end(): void {
    if (this.#partial.trim()) this.feed('\n');
    this.#ended = true;
    for (const w of this.#waiters.splice(0)) w({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<TerminalSize> {
    return {
      next: () => {
        const v = this.#items.shift();
        if (v) return Promise.resolve({ value: v, done: false });
        if (this.#ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((r) => this.#waiters.push(r));
      },
    };
  }
}
