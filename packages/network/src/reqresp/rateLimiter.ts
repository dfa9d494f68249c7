// Per-peer, per-protocol token buckets: each inbound request costs tokens (1, or the number of
// items it asks for) and buckets refill continuously. A peer whose bucket is empty is answered
// RATE_LIMITED and reported, so a flood lowers its score until the peer manager disconnects it.
import {ReqRespMethod} from "./protocols.js";

export interface Quota {
  /** Bucket size: the most a peer may use in one burst. */
  capacity: number;
  /** Time for an empty bucket to refill completely. */
  periodMs: number;
}

/**
 * Defaults sized so an honest syncing peer never hits them: 1024 blocks per 5 s per peer is
 * ~200 blocks/s, and each limit is at least one maximal request.
 */
export const DEFAULT_QUOTAS: Record<ReqRespMethod, Quota> = {
  [ReqRespMethod.Status]: {capacity: 5, periodMs: 15_000},
  [ReqRespMethod.Goodbye]: {capacity: 1, periodMs: 10_000},
  [ReqRespMethod.Ping]: {capacity: 2, periodMs: 10_000},
  [ReqRespMethod.Metadata]: {capacity: 2, periodMs: 5_000},
  [ReqRespMethod.BeaconBlocksByRange]: {capacity: 1024, periodMs: 5_000},
  [ReqRespMethod.BeaconBlocksByRoot]: {capacity: 1024, periodMs: 10_000},
  [ReqRespMethod.BlobSidecarsByRange]: {capacity: 2304, periodMs: 10_000},
  [ReqRespMethod.BlobSidecarsByRoot]: {capacity: 2304, periodMs: 10_000},
  // Priced per column: a range sync of one epoch of a supernode's 128 columns is 32 * 128 = 4096.
  [ReqRespMethod.DataColumnSidecarsByRange]: {capacity: 8192, periodMs: 10_000},
  [ReqRespMethod.DataColumnSidecarsByRoot]: {capacity: 8192, periodMs: 10_000},
  [ReqRespMethod.LightClientBootstrap]: {capacity: 5, periodMs: 15_000},
  [ReqRespMethod.LightClientUpdatesByRange]: {capacity: 128, periodMs: 10_000},
  [ReqRespMethod.LightClientFinalityUpdate]: {capacity: 5, periodMs: 15_000},
  [ReqRespMethod.LightClientOptimisticUpdate]: {capacity: 5, periodMs: 15_000},
};

class TokenBucket {
  private tokens: number;
  constructor(
    private readonly quota: Quota,
    private lastMs: number
  ) {
    this.tokens = quota.capacity;
  }

  private refill(nowMs: number): void {
    const elapsed = nowMs - this.lastMs;
    if (elapsed > 0) {
      this.tokens = Math.min(this.quota.capacity, this.tokens + (elapsed * this.quota.capacity) / this.quota.periodMs);
      this.lastMs = nowMs;
    }
  }

  tryConsume(cost: number, nowMs: number): boolean {
    this.refill(nowMs);
    // A request costing more than the bucket holds is charged the whole bucket, so it is possible, once.
    const charge = Math.min(cost, this.quota.capacity);
    if (this.tokens < charge) return false;
    this.tokens -= charge;
    return true;
  }

  isFull(nowMs: number): boolean {
    this.refill(nowMs);
    return this.tokens >= this.quota.capacity;
  }
}

export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly quotas: Record<ReqRespMethod, Quota> = DEFAULT_QUOTAS,
    private readonly now: () => number = Date.now
  ) {}

  /** Charges `cost` to the peer's bucket for `method`; false when the bucket cannot pay. */
  allow(peerId: string, method: ReqRespMethod, cost: number): boolean {
    const key = `${peerId}/${method}`;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.quotas[method], this.now());
      this.buckets.set(key, bucket);
    }
    return bucket.tryConsume(cost, this.now());
  }

  /** Drops buckets that have refilled completely: they hold nothing a new bucket would not, so memory stays bounded. */
  prune(): void {
    const now = this.now();
    for (const [key, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(key);
  }

  size(): number {
    return this.buckets.size;
  }
}
