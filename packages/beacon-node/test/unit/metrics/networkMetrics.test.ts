import {strict as assert} from "node:assert";
import {EventEmitter} from "node:events";
import {GossipType, type GossipCounter} from "@hearth/network";
import {createBeaconMetrics, protocolNameOf, startMetricsServer, trackNodeNetworkMetrics, withReqRespMetrics} from "../../../src/metrics/index.js";
import type {SyncStateName} from "../../../src/sync/index.js";

class FakeNetwork extends EventEmitter {
  peers: {direction: string}[] = [{direction: "inbound"}, {direction: "outbound"}, {direction: "outbound"}];
  counters = new Map<string, number>();
  queues = new Map<GossipType, number>();
  gossip = {
    getCounter: (type: GossipType, counter: GossipCounter): number => this.counters.get(`${type}:${counter}`) ?? 0,
    queueLength: (type: GossipType): number => this.queues.get(type) ?? 0,
  };
  reqResp = {
    async status(): Promise<string> {
      return "ok";
    },
    async beaconBlocksByRange(): Promise<never> {
      throw new Error("timeout");
    },
  };
  getConnectedPeers(): {direction: string}[] {
    return this.peers;
  }
}

async function scrape(registry: Parameters<typeof startMetricsServer>[0]): Promise<string> {
  const server = await startMetricsServer(registry, {port: 0});
  try {
    const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    assert.equal(res.status, 200);
    return await res.text();
  } finally {
    await server.close();
  }
}

describe("network metrics", () => {
  it("names protocols as the spec does", () => {
    assert.equal(protocolNameOf("onBeaconBlocksByRange"), "beacon_blocks_by_range");
    assert.equal(protocolNameOf("beaconBlocksByRange"), "beacon_blocks_by_range");
    assert.equal(protocolNameOf("onStatus"), "status");
    assert.equal(protocolNameOf("onDataColumnSidecarsByRoot"), "data_column_sidecars_by_root");
  });

  it("a scrape of /metrics has peers, gossip outcomes, queues, req/resp counts, sync state and speed", async () => {
    const metrics = createBeaconMetrics();
    const net = new FakeNetwork();
    net.counters.set(`${GossipType.beacon_block}:accepted`, 5);
    net.counters.set(`${GossipType.beacon_attestation}:ignored`, 7);
    net.counters.set(`${GossipType.beacon_attestation}:rejected`, 2);
    net.counters.set(`${GossipType.beacon_attestation}:dropped`, 3);
    net.queues.set(GossipType.beacon_attestation, 11);
    let state: SyncStateName = "syncing";
    const sync = {
      getSyncState: () => ({state, syncDistance: 40}),
      getProgress: () => (state === "syncing" ? {slotsPerSecond: 120.5, blocksPerSecond: 99.5} : null),
    };
    const handlers = withReqRespMetrics(metrics, {
      async onStatus(): Promise<string> {
        return "status";
      },
      async *onBeaconBlocksByRange(): AsyncGenerator<number> {
        yield 1;
        throw new Error("DB gone");
      },
    });
    trackNodeNetworkMetrics(metrics, net, sync);

    assert.equal(await handlers.onStatus(), "status");
    const served: number[] = [];
    await assert.rejects(async () => {
      for await (const x of handlers.onBeaconBlocksByRange()) served.push(x);
    }, /DB gone/);
    assert.deepEqual(served, [1]);
    assert.equal(await net.reqResp.status(), "ok");
    await assert.rejects(net.reqResp.beaconBlocksByRange(), /timeout/);

    let body = await scrape(metrics.registry);
    assert.match(body, /^libp2p_peers 3$/m);
    assert.match(body, /^hearth_peers_by_direction\{direction="inbound"\} 1$/m);
    assert.match(body, /^hearth_peers_by_direction\{direction="outbound"\} 2$/m);
    assert.match(body, /^hearth_gossip_messages_total\{topic="beacon_block",result="accepted"\} 5$/m);
    assert.match(body, /^hearth_gossip_messages_total\{topic="beacon_attestation",result="ignored"\} 7$/m);
    assert.match(body, /^hearth_gossip_messages_total\{topic="beacon_attestation",result="rejected"\} 2$/m);
    assert.match(body, /^hearth_gossip_validation_queue_length\{topic="beacon_attestation"\} 11$/m);
    assert.match(body, /^hearth_gossip_validation_queue_dropped_total\{topic="beacon_attestation"\} 3$/m);
    assert.match(body, /^hearth_reqresp_requests_total\{protocol="status",direction="inbound"\} 1$/m);
    assert.match(body, /^hearth_reqresp_requests_total\{protocol="beacon_blocks_by_range",direction="inbound"\} 1$/m);
    assert.match(body, /^hearth_reqresp_errors_total\{protocol="beacon_blocks_by_range",direction="inbound"\} 1$/m);
    assert.match(body, /^hearth_reqresp_requests_total\{protocol="status",direction="outbound"\} 1$/m);
    assert.match(body, /^hearth_reqresp_errors_total\{protocol="beacon_blocks_by_range",direction="outbound"\} 1$/m);
    assert.doesNotMatch(body, /^hearth_reqresp_errors_total\{protocol="status"/m);
    assert.match(body, /^hearth_sync_state\{state="syncing"\} 1$/m);
    assert.match(body, /^hearth_sync_state\{state="synced"\} 0$/m);
    assert.match(body, /^hearth_sync_distance_slots 40$/m);
    assert.match(body, /^hearth_range_sync_blocks_per_second 99.5$/m);
    assert.match(body, /^hearth_range_sync_slots_per_second 120.5$/m);

    // the next scrape follows the network: a peer gone, more gossip, sync done
    net.peers = net.peers.slice(1);
    net.emit("peerDisconnected", "p");
    net.counters.set(`${GossipType.beacon_block}:accepted`, 9);
    state = "synced";
    body = await scrape(metrics.registry);
    assert.match(body, /^libp2p_peers 2$/m);
    assert.match(body, /^hearth_gossip_messages_total\{topic="beacon_block",result="accepted"\} 9$/m);
    assert.match(body, /^hearth_sync_state\{state="synced"\} 1$/m);
    assert.match(body, /^hearth_range_sync_blocks_per_second 0$/m);
  });
});
