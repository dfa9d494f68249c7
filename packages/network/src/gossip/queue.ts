// A bounded job queue per gossip topic type: at most `maxLength` messages wait and at most
// `maxConcurrency` are validated at once. A flood cannot grow memory: when full, a message is dropped
// (counted, and reported to gossipsub as IGNORE by the caller through onDrop).

export interface GossipQueueOptions {
  maxLength: number;
  maxConcurrency: number;
  /**
   * LIFO serves the newest first and, when full, drops the OLDEST waiting item: right for
   * attestations, whose value decays with age. FIFO keeps order and drops the NEW item when full:
   * right for blocks, where order helps and the oldest is the next one needed.
   */
  lifo: boolean;
}

export class GossipQueue<T> {
  private readonly items: T[] = [];
  private running = 0;
  private dropped = 0;

  constructor(
    private readonly opts: GossipQueueOptions,
    private readonly process: (item: T) => Promise<void>,
    private readonly onDrop: (item: T) => void,
  ) {
    if (opts.maxLength < 1 || opts.maxConcurrency < 1) throw new Error("gossip queue needs maxLength and maxConcurrency >= 1");
  }

  /** Queues an item; returns false when the item (or, LIFO, an older one) was dropped to make room. */
  push(item: T): boolean {
    let ok = true;
    if (this.items.length >= this.opts.maxLength) {
      this.dropped++;
      ok = false;
      if (this.opts.lifo) {
        this.onDrop(this.items.shift() as T);
      } else {
        this.onDrop(item);
        return false;
      }
    }
    this.items.push(item);
    this.drain();
    return ok;
  }

  get length(): number {
    return this.items.length;
  }

  get activeCount(): number {
    return this.running;
  }

  get droppedCount(): number {
    return this.dropped;
  }

  /** Drops every waiting item (on stop), reporting each through onDrop. */
  clear(): void {
    for (const item of this.items.splice(0)) this.onDrop(item);
  }

  private drain(): void {
    while (this.running < this.opts.maxConcurrency && this.items.length > 0) {
      const item = (this.opts.lifo ? this.items.pop() : this.items.shift()) as T;
      this.running++;
      // process() reports its own errors; the catch only keeps a bug from becoming an unhandled rejection.
      void this.process(item)
        .catch(() => {})
        .finally(() => {
          this.running--;
          this.drain();
        });
    }
  }
}
