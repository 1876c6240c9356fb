// The routing state in Redis: which color and version serve traffic (and on which port and pid), and the
// version to roll back to. Written at every switch, read once at start so a restarted controller resumes.
import { Redis } from 'ioredis';
import type { AppHandle } from './app-process.ts';
import type { Color } from './router.ts';

export interface RoutingState {
  active: (AppHandle & { color: Color }) | null;
  previousVersion: string | null;
}

export class StateStore {
  readonly #redis: Redis;
  readonly #key: string;

  constructor(url: string, prefix: string) {
    this.#redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: true });
    this.#key = `${prefix}routing-state`;
  }

  async load(): Promise<RoutingState> {
    await this.#redis.connect();
    const text = await this.#redis.get(this.#key);
    return text ? (JSON.parse(text) as RoutingState) : { active: null, previousVersion: null };
  }

  async save(state: RoutingState): Promise<void> {
    await this.#redis.set(this.#key, JSON.stringify(state));
  }

  close(): void {
    this.#redis.disconnect();
  }
}
