// Keeps the last part of a process's output, however much it prints, so a flood costs bounded memory.

export class OutputTail {
  readonly #limit: number;
  #chunks: Buffer[] = [];
  #size = 0;
  #dropped = 0;

  constructor(limitBytes = 64 * 1024) {
    this.#limit = limitBytes;
  }

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    while (this.#size > this.#limit && this.#chunks.length > 0) {
      const excess = this.#size - this.#limit;
      const first = this.#chunks[0];
      if (first.length <= excess) {
        this.#chunks.shift();
        this.#size -= first.length;
        this.#dropped += first.length;
      } else {
        this.#chunks[0] = first.subarray(excess);
        this.#size -= excess;
        this.#dropped += excess;
      }
    }
  }

  /** The kept text, with a note of how much came before it. */
  text(): string {
    const body = Buffer.concat(this.#chunks).toString('utf8');
    return this.#dropped > 0 ? `[… ${this.#dropped} earlier bytes not kept]\n${body}` : body;
  }
}
