// Redis pub/sub between instances: after a write, the instance that made it announces the product id, and every
// other instance drops its in-memory (L1) copy. Messages carry the sender's origin so it ignores its own.
//
// Pub/sub is fire-and-forget: an instance whose subscriber is disconnected misses messages sent meanwhile, and may
// serve its L1 copy until it expires (CACHE_TTL_MS). That bound is the price of not checking Redis on every L1 hit.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

export class InvalidationChannel {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #channel: string;
  /** Unique per process (INSTANCE_ID is only a label and need not be unique). */
  readonly #origin = randomUUID();

  /** `subscriber` must be a connection of its own: a subscribed Redis connection cannot run other commands. */
  constructor(options: { publisher: Redis; subscriber: Redis; channel: string }) {
    this.#publisher = options.publisher;
    this.#subscriber = options.subscriber;
    this.#channel = options.channel;
  }

  /** Subscribes; resolves once Redis confirms, after which `onInvalidate` gets every id other instances publish. */
  async start(onInvalidate: (id: string) => void): Promise<void> {
    this.#subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.#channel) return;
      const id = this.#parse(message);
      if (id !== undefined) onInvalidate(id);
    });
    await this.#subscriber.subscribe(this.#channel);
  }

  /** Tells every other instance that product `id` changed. */
  async publish(id: string): Promise<void> {
    await this.#publisher.publish(this.#channel, JSON.stringify({ id, origin: this.#origin }));
  }

  /** The id of a message from another instance; undefined for our own or a malformed one. */
  #parse(message: string): string | undefined {
    try {
      const { id, origin } = JSON.parse(message) as { id?: unknown; origin?: unknown };
      return typeof id === 'string' && origin !== this.#origin ? id : undefined;
    } catch {
      return undefined;
    }
  }
}
