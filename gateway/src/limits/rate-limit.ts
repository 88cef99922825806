/**
 * Points per client over a sliding minute, as GitHub's secondary limit counts them: a query costs 1,
 * a mutation 5. Points are kept in one-second buckets, so a check costs the same however busy the
 * client is. Kept in this process: replicas behind a load balancer each enforce their own share.
 */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until enough points are free again. */
  retryAfterSeconds: number;
}

const WINDOW_SECONDS = 60;

interface ClientBuckets {
  /** Points spent in each second of the window, indexed by second modulo the window. */
  points: number[];
  seconds: number[];
}

export class RateLimiter {
  private readonly clients = new Map<string, ClientBuckets>();
  private checks = 0;

  constructor(
    private readonly pointsPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(client: string, points: number): RateDecision {
    const second = Math.floor(this.now() / 1000);
    const buckets = this.clients.get(client) ?? {
      points: new Array<number>(WINDOW_SECONDS).fill(0),
      seconds: new Array<number>(WINDOW_SECONDS).fill(-1),
    };
    this.clients.set(client, buckets);
    let used = 0;
    for (let i = 0; i < WINDOW_SECONDS; i += 1) {
      if (second - buckets.seconds[i]! < WINDOW_SECONDS) used += buckets.points[i]!;
    }
    if (used + points > this.pointsPerMinute) {
      return {
        allowed: false,
        limit: this.pointsPerMinute,
        remaining: Math.max(0, this.pointsPerMinute - used),
        retryAfterSeconds: this.secondsUntilFree(
          buckets,
          second,
          used + points - this.pointsPerMinute,
        ),
      };
    }
    const slot = second % WINDOW_SECONDS;
    if (buckets.seconds[slot] !== second) {
      buckets.seconds[slot] = second;
      buckets.points[slot] = 0;
    }
    buckets.points[slot]! += points;
    this.forgetIdleClients(second);
    return {
      allowed: true,
      limit: this.pointsPerMinute,
      remaining: this.pointsPerMinute - used - points,
      retryAfterSeconds: 0,
    };
  }

  private secondsUntilFree(buckets: ClientBuckets, second: number, needed: number): number {
    let freed = 0;
    for (let age = WINDOW_SECONDS - 1; age >= 0; age -= 1) {
      const spentAt = second - age;
      const slot = ((spentAt % WINDOW_SECONDS) + WINDOW_SECONDS) % WINDOW_SECONDS;
      if (buckets.seconds[slot] === spentAt) freed += buckets.points[slot]!;
      if (freed >= needed) return WINDOW_SECONDS - age;
    }
    return WINDOW_SECONDS;
  }

  private forgetIdleClients(second: number): void {
    this.checks += 1;
    if (this.checks % 1000 !== 0) return;
    for (const [client, buckets] of this.clients) {
      if (buckets.seconds.every((at) => second - at >= WINDOW_SECONDS)) this.clients.delete(client);
    }
  }
}
