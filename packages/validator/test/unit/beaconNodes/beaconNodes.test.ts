// Failover between two fake beacon nodes: a syncing, failing (5xx) or unreachable first node sends
// the calls to the second; once the first is healthy again the calls return to it.
import {strict as assert} from "node:assert";
import http from "node:http";
import type {AddressInfo} from "node:net";
import {BeaconNodes} from "../../../src/index.js";

type Mode = "healthy" | "syncing" | "error500";

class FakeNode {
  mode: Mode = "healthy";
  genesisCalls = 0;
  private server = http.createServer((req, res) => this.handle(req, res));
  url = "";

  async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
    this.server = http.createServer((req, res) => this.handle(req, res));
  }
  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.setHeader("content-type", "application/json");
    if (req.url === "/eth/v1/node/syncing") {
      const syncing = this.mode === "syncing";
      res.end(JSON.stringify({data: {head_slot: "10", sync_distance: syncing ? "100" : "0", is_syncing: syncing, is_optimistic: false, el_offline: false}}));
      return;
    }
    if (req.url === "/eth/v1/beacon/genesis") {
      this.genesisCalls++;
      if (this.mode === "error500") {
        res.statusCode = 500;
        res.end(JSON.stringify({code: 500, message: "boom"}));
        return;
      }
      res.end(JSON.stringify({data: {genesis_time: "1606824023", genesis_validators_root: "0x" + "00".repeat(32), genesis_fork_version: "0x00000000"}}));
      return;
    }
    res.statusCode = 404;
    res.end(JSON.stringify({code: 404, message: "not found"}));
  }
}

describe("BeaconNodes failover", function () {
  this.timeout(10_000);
  const a = new FakeNode();
  const b = new FakeNode();
  let nodes: BeaconNodes;

  beforeEach(async () => {
    await a.listen();
    await b.listen();
    a.mode = "healthy";
    a.genesisCalls = b.genesisCalls = 0;
    nodes = new BeaconNodes({urls: [a.url, b.url], healthCheckIntervalMs: 60_000, timeoutMs: 2000});
  });
  afterEach(async () => {
    nodes.stop();
    await a.close().catch(() => {});
    await b.close().catch(() => {});
  });

  it("uses the second node while the first is syncing, and returns to the first when it is synced", async () => {
    a.mode = "syncing";
    await nodes.start();
    assert.equal(nodes.healthOf(a.url), "syncing");
    assert.equal(nodes.currentUrl, b.url);
    await nodes.api.getGenesis();
    assert.deepEqual([a.genesisCalls, b.genesisCalls], [0, 1]);

    a.mode = "healthy";
    await nodes.checkHealth();
    assert.equal(nodes.currentUrl, a.url);
    await nodes.api.getGenesis();
    assert.deepEqual([a.genesisCalls, b.genesisCalls], [1, 1]);
  });

  it("fails a call over to the second node when the first is down or answers 5xx", async () => {
    await nodes.start();
    assert.equal(nodes.currentUrl, a.url);

    a.mode = "error500";
    const res = await nodes.api.getGenesis();
    assert.equal(res.data.genesisTime, 1606824023);
    assert.deepEqual([a.genesisCalls, b.genesisCalls], [1, 1]);
    assert.equal(nodes.healthOf(a.url), "down");
    // the next call goes straight to the second node
    await nodes.api.getGenesis();
    assert.deepEqual([a.genesisCalls, b.genesisCalls], [1, 2]);

    a.mode = "healthy";
    await nodes.checkHealth();
    assert.equal(nodes.currentUrl, a.url);
    await a.close();
    await nodes.api.getGenesis();
    assert.equal(b.genesisCalls, 3);
    assert.equal(nodes.healthOf(a.url), "down");
    assert.equal(nodes.currentUrl, b.url);
  });

  it("does not fail over on a 4xx: the request is wrong, not the node", async () => {
    await nodes.start();
    await assert.rejects(nodes.api.getBlockRoot({blockId: "head"}), (e: Error & {status?: number}) => e.status === 404);
    assert.equal(nodes.healthOf(a.url), "healthy");
    assert.equal(nodes.currentUrl, a.url);
  });
});
