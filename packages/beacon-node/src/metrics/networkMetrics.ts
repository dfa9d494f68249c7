// The p2p side as an operator watches it: peers (libp2p_peers, the beacon-metrics interop name, and
// by direction), gossip messages by topic and outcome, the validation queues, req/resp requests and
// errors by protocol in both directions, and range sync's state and speed. Gossip counts and queue
// lengths are read from the Network when scraped; req/resp is counted around the handlers and the
// node's own requests.
import {Counter, Gauge, type Registry} from "prom-client";
import {GossipType, type GossipCounter} from "@hearth/network";
import type {SyncStateName} from "../sync/range/index.js";
import type {BeaconMetrics} from "./beaconMetrics.js";

/** What the metrics read of the Network (structurally, so tests can pass a fake). */
export interface NetworkMetricsSource {
  getConnectedPeers(): {direction: string}[];
  gossip: {getCounter(type: GossipType, counter: GossipCounter): number; queueLength(type: GossipType): number};
  on(event: "peerConnected" | "peerDisconnected", listener: () => void): unknown;
}

/** What the metrics read of range sync. */
export interface SyncMetricsSource {
  getSyncState(): {state: SyncStateName; syncDistance: number};
  /** Speed over the recent window while a run is on; null when idle. */
  getProgress(): {slotsPerSecond: number; blocksPerSecond: number} | null;
}

const GOSSIP_RESULTS: GossipCounter[] = ["received", "accepted", "ignored", "rejected", "dropped", "undecodable"];
const SYNC_STATES: SyncStateName[] = ["synced", "syncing", "stalled"];

export interface ReqRespMetrics {
  inbound(protocol: string, outcome: "request" | "error"): void;
  outbound(protocol: string, outcome: "request" | "error"): void;
}

/** Registers the network metrics on the node's registry, read from `net` and `sync` on each scrape. */
export function trackNetworkMetrics(metrics: BeaconMetrics, net: NetworkMetricsSource, sync: SyncMetricsSource): void {
  const registers: Registry[] = [metrics.registry];
  const updatePeers = (): void => void metrics.peers.set(net.getConnectedPeers().length);
  updatePeers();
  net.on("peerConnected", updatePeers);
  net.on("peerDisconnected", updatePeers);

  new Gauge({
    name: "hearth_peers_by_direction",
    help: "connected peers by who dialled: inbound or outbound",
    labelNames: ["direction"],
    registers,
    collect() {
      const counts = {inbound: 0, outbound: 0};
      for (const p of net.getConnectedPeers()) if (p.direction === "inbound" || p.direction === "outbound") counts[p.direction]++;
      for (const [direction, n] of Object.entries(counts)) this.set({direction}, n);
    },
  });
  new Counter({
    name: "hearth_gossip_messages_total",
    help: "gossip messages by topic and outcome: received, accepted, ignored, rejected, dropped (queue full), undecodable",
    labelNames: ["topic", "result"],
    registers,
    collect() {
      // the Network keeps the running totals; this mirrors them
      this.reset();
      for (const topic of Object.values(GossipType)) {
        for (const result of GOSSIP_RESULTS) {
          const n = net.gossip.getCounter(topic, result);
          if (n > 0) this.inc({topic, result}, n);
        }
      }
    },
  });
  new Gauge({
    name: "hearth_gossip_validation_queue_length",
    help: "gossip messages waiting for validation, by topic",
    labelNames: ["topic"],
    registers,
    collect() {
      for (const topic of Object.values(GossipType)) this.set({topic}, net.gossip.queueLength(topic));
    },
  });
  new Counter({
    name: "hearth_gossip_validation_queue_dropped_total",
    help: "gossip messages dropped because their topic's validation queue was full",
    labelNames: ["topic"],
    registers,
    collect() {
      this.reset();
      for (const topic of Object.values(GossipType)) {
        const n = net.gossip.getCounter(topic, "dropped");
        if (n > 0) this.inc({topic}, n);
      }
    },
  });
  new Gauge({
    name: "hearth_sync_state",
    help: "range sync's state: 1 for the current one of synced, syncing, stalled",
    labelNames: ["state"],
    registers,
    collect() {
      const {state} = sync.getSyncState();
      for (const s of SYNC_STATES) this.set({state: s}, s === state ? 1 : 0);
    },
  });
  new Gauge({
    name: "hearth_sync_distance_slots",
    help: "slots between the clock and the head",
    registers,
    collect() {
      this.set(sync.getSyncState().syncDistance);
    },
  });
  new Gauge({
    name: "hearth_range_sync_blocks_per_second",
    help: "range sync's import speed over its recent window (0 when not syncing)",
    registers,
    collect() {
      this.set(sync.getProgress()?.blocksPerSecond ?? 0);
    },
  });
  new Gauge({
    name: "hearth_range_sync_slots_per_second",
    help: "range sync's head progress over its recent window (0 when not syncing)",
    registers,
    collect() {
      this.set(sync.getProgress()?.slotsPerSecond ?? 0);
    },
  });
}

/** The req/resp counters on the node's registry (created once). */
export function reqRespMetricsOf(metrics: BeaconMetrics): ReqRespMetrics {
  const {registry} = metrics;
  const counter = (name: string, help: string): Counter =>
    (registry.getSingleMetric(name) as Counter | undefined) ?? new Counter({name, help, labelNames: ["protocol", "direction"], registers: [registry]});
  const requests = counter("hearth_reqresp_requests_total", "req/resp requests by protocol and direction (inbound: served, outbound: sent)");
  const errors = counter("hearth_reqresp_errors_total", "req/resp requests that failed, by protocol and direction");
  return {
    inbound: (protocol, outcome) => (outcome === "request" ? requests : errors).inc({protocol, direction: "inbound"}),
    outbound: (protocol, outcome) => (outcome === "request" ? requests : errors).inc({protocol, direction: "outbound"}),
  };
}

/** The node's req/resp handlers counted on `metrics` (unchanged without metrics). */
export function withReqRespMetrics<H extends object>(metrics: BeaconMetrics | undefined, handlers: H): H {
  return metrics === undefined ? handlers : instrumentReqRespHandlers(handlers, reqRespMetricsOf(metrics).inbound);
}

/** The node's outbound requests (the Network's ReqResp methods), by protocol. */
export const OUTBOUND_METHODS = [
  "status",
  "goodbye",
  "ping",
  "metadata",
  "beaconBlocksByRange",
  "beaconBlocksByRoot",
  "blobSidecarsByRange",
  "blobSidecarsByRoot",
  "dataColumnSidecarsByRange",
  "dataColumnSidecarsByRoot",
] as const;

/** Everything above for a started node network: its peers, gossip, sync, and its outbound requests. */
export function trackNodeNetworkMetrics(metrics: BeaconMetrics, net: NetworkMetricsSource & {reqResp: object}, sync: SyncMetricsSource): void {
  trackNetworkMetrics(metrics, net, sync);
  instrumentOutboundRequests(net.reqResp, OUTBOUND_METHODS, reqRespMetricsOf(metrics).outbound);
}

/** "onBeaconBlocksByRange" / "beaconBlocksByRange" → "beacon_blocks_by_range" (the protocol's spec name). */
export function protocolNameOf(method: string): string {
  const bare = method.startsWith("on") && method[2] === method[2]?.toUpperCase() ? method.slice(2) : method;
  return bare.replace(/^[A-Z]/, (c) => c.toLowerCase()).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * The node's req/resp handlers, each counted per call and per failure (a throw, or a response stream
 * that ends in an error). The returned object has the same handlers.
 */
export function instrumentReqRespHandlers<H extends object>(handlers: H, count: ReqRespMetrics["inbound"]): H {
  const out = {...handlers} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(handlers)) {
    if (typeof fn !== "function") continue;
    const protocol = protocolNameOf(name);
    out[name] = (...args: unknown[]): unknown => {
      count(protocol, "request");
      let result: unknown;
      try {
        result = (fn as (...a: unknown[]) => unknown).apply(handlers, args);
      } catch (e) {
        count(protocol, "error");
        throw e;
      }
      if (isAsyncIterable(result)) return countedStream(result, () => count(protocol, "error"));
      if (result instanceof Promise) return result.catch((e: unknown) => (count(protocol, "error"), Promise.reject(e)));
      return result;
    };
  }
  return out as H;
}

/**
 * The node's own requests through `reqResp` (the Network's ReqResp), counted per protocol: each
 * method listed is shadowed by an own property that counts, then calls the original.
 */
export function instrumentOutboundRequests(reqResp: object, methods: readonly string[], count: ReqRespMetrics["outbound"]): void {
  const target = reqResp as Record<string, unknown>;
  for (const name of methods) {
    const fn = target[name];
    if (typeof fn !== "function") continue;
    const protocol = protocolNameOf(name);
    target[name] = async (...args: unknown[]): Promise<unknown> => {
      count(protocol, "request");
      try {
        return await (fn as (...a: unknown[]) => Promise<unknown>).apply(reqResp, args);
      } catch (e) {
        count(protocol, "error");
        throw e;
      }
    };
  }
}

function isAsyncIterable(x: unknown): x is AsyncIterable<unknown> {
  return typeof x === "object" && x !== null && Symbol.asyncIterator in x;
}

async function* countedStream<T>(source: AsyncIterable<T>, onError: () => void): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (e) {
    onError();
    throw e;
  }
}
