// Several beacon nodes behind one Beacon API client. Every call goes to the first node that is
// healthy (reachable and not syncing); a connection error, timeout or 5xx marks that node down and
// the call is retried on the next. A periodic check of /eth/v1/node/syncing brings a node back, so
// the client returns to the first node as soon as it is healthy again.
import {
  ApiClientError,
  ApiClientErrorCode,
  beaconApiRoutes,
  createBeaconApiClient,
  noopLogger,
  type ApiClientOptions,
  type BeaconApiClient,
  type BeaconEvent,
  type EventTopic,
  type Logger,
} from "@hearth/api";

export interface BeaconNodesOptions {
  urls: string[];
  logger?: Logger;
  /** How often every node's syncing status is checked (default 6 s). */
  healthCheckIntervalMs?: number;
  timeoutMs?: number;
  fetch?: ApiClientOptions["fetch"];
}

type Health = "unknown" | "healthy" | "syncing" | "down";

interface Node {
  url: string;
  client: BeaconApiClient;
  health: Health;
}

/** Whether an error says "this node cannot serve now" (try another) rather than "this request is wrong". */
export function isNodeFailure(e: unknown): boolean {
  if (!(e instanceof ApiClientError)) return false;
  if (e.code === ApiClientErrorCode.NETWORK || e.code === ApiClientErrorCode.TIMEOUT) return true;
  return e.code === ApiClientErrorCode.HTTP_ERROR && e.status !== undefined && e.status >= 500;
}

export class BeaconNodes {
  readonly api: BeaconApiClient;
  private readonly nodes: Node[];
  private readonly logger: Logger;
  private readonly intervalMs: number;
  /** Index of the node calls go to first. */
  private preferred = 0;
  /** Aborted when the preferred node changes, so an open event stream reconnects to the new one. */
  private switchController = new AbortController();
  private timer: NodeJS.Timeout | null = null;

  constructor(opts: BeaconNodesOptions) {
    if (opts.urls.length === 0) throw new Error("at least one beacon node URL is needed");
    this.logger = opts.logger ?? noopLogger;
    this.intervalMs = opts.healthCheckIntervalMs ?? 6000;
    this.nodes = opts.urls.map((url) => ({url, client: createBeaconApiClient({baseUrl: url, timeoutMs: opts.timeoutMs, fetch: opts.fetch}), health: "unknown"}));
    const api: Record<string, unknown> = {};
    for (const key of Object.keys(beaconApiRoutes)) {
      api[key] = (args?: unknown, callOpts?: unknown) => this.call((client) => (client as unknown as Record<string, (a: unknown, o: unknown) => Promise<unknown>>)[key](args, callOpts));
    }
    api.eventstream = (topics: EventTopic[], streamOpts?: {signal?: AbortSignal}) => this.eventstream(topics, streamOpts);
    this.api = api as BeaconApiClient;
  }

  /** The URL calls go to first. */
  get currentUrl(): string {
    return this.nodes[this.preferred].url;
  }

  healthOf(url: string): Health | undefined {
    return this.nodes.find((n) => n.url === url)?.health;
  }

  /** Checks every node now and then every interval until stop(). */
  async start(): Promise<void> {
    await this.checkHealth();
    if (this.timer !== null) return;
    this.timer = setInterval(() => void this.checkHealth(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.switchController.abort();
  }

  /** Asks every node whether it is syncing; then prefers the first healthy one. */
  async checkHealth(): Promise<void> {
    await Promise.all(
      this.nodes.map(async (node) => {
        try {
          const status = (await node.client.getSyncingStatus(undefined, {timeoutMs: Math.min(this.intervalMs, 5000)})).data;
          this.setHealth(node, status.isSyncing ? "syncing" : "healthy");
        } catch (e) {
          this.setHealth(node, "down", (e as Error).message);
        }
      }),
    );
    this.choose();
  }

  private setHealth(node: Node, health: Health, reason?: string): void {
    if (node.health === health) return;
    const was = node.health;
    node.health = health;
    if (health === "healthy") this.logger.info("Beacon node healthy", {url: node.url, was});
    else this.logger.warn("Beacon node unusable", {url: node.url, health, reason});
  }

  private choose(): void {
    const first = this.nodes.findIndex((n) => n.health === "healthy" || n.health === "unknown");
    const next = first === -1 ? 0 : first;
    if (next === this.preferred) return;
    this.logger.info("Switching beacon node", {from: this.nodes[this.preferred].url, to: this.nodes[next].url});
    this.preferred = next;
    this.switchController.abort();
    this.switchController = new AbortController();
  }

  /** Usable nodes in the configured order (the preferred one first), the others after them as a last resort. */
  private order(): Node[] {
    const usable = (n: Node): boolean => n.health === "healthy" || n.health === "unknown";
    return [...this.nodes.filter(usable), ...this.nodes.filter((n) => !usable(n))];
  }

  private async call<T>(fn: (client: BeaconApiClient) => Promise<T>): Promise<T> {
    let last: unknown;
    for (const node of this.order()) {
      try {
        return await fn(node.client);
      } catch (e) {
        if (!isNodeFailure(e)) throw e;
        last = e;
        this.setHealth(node, "down", (e as Error).message);
        this.choose();
      }
    }
    throw last;
  }

  private eventstream(topics: EventTopic[], opts: {signal?: AbortSignal} = {}): AsyncIterable<BeaconEvent> {
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        const node = self.nodes[self.preferred];
        const switched = self.switchController.signal;
        const signal = opts.signal ? AbortSignal.any([opts.signal, switched]) : switched;
        try {
          for await (const event of node.client.eventstream(topics, {signal})) {
            if (switched.aborted) return;
            yield event;
          }
        } catch (e) {
          // a switch ends the stream quietly: the caller reconnects, now to the preferred node
          if (switched.aborted && !opts.signal?.aborted) return;
          if (isNodeFailure(e)) {
            self.setHealth(node, "down", (e as Error).message);
            self.choose();
          }
          throw e;
        }
      },
    };
  }
}
