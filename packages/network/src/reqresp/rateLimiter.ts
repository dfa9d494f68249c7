// Per-peer, per-protocol token buckets: each inbound request costs tokens (1, or the number of
// items it asks for) and buckets refill continuously. phase0 p2p-interface.md "Responding side": a
// responder that rate-limits MUST NOT answer with an error or close the stream; it withholds the
// response until capacity is available. So a request is always charged (the bucket may go into
// debt) and told how long to wait; a flood is bounded by MAX_CONCURRENT_REQUESTS (inbound.ts), which
// keeps at most that many requests per protocol waiting, and which is what gets a flooder penalised.
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

  /** Charges `cost` now, into debt if need be; returns how long until the debt is repaid (0: none). */
  reserve(cost: number, nowMs: number): number {
    this.refill(nowMs);
    this.tokens -= Math.min(cost, this.quota.capacity);
    if (this.tokens >= 0) return 0;
    return Math.ceil((-this.tokens * this.quota.periodMs) / this.quota.capacity);
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

  /**
   * Charges `cost` to the peer's bucket for `method` and returns how many ms the response must be
   * withheld (0 when the bucket could pay now). Never refuses: see the header.
   */
  reserve(peerId: string, method: ReqRespMethod, cost: number): number {
    const key = `${peerId}/${method}`;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.quotas[method], this.now());
      this.buckets.set(key, bucket);
    }
    return bucket.reserve(cost, this.now());
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
