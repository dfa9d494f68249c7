import {strict as assert} from "node:assert";
import {createBeaconMetrics, startMetricsServer} from "../../../src/metrics/index.js";

describe("metrics", () => {
  it("serves the interop metrics on /metrics and 404 elsewhere", async () => {
    const metrics = createBeaconMetrics();
    metrics.headSlot.set(42);
    metrics.finalizedEpoch.set(3);
    const server = await startMetricsServer(metrics.registry, {port: 0});
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      assert.equal(res.status, 200);
      const body = await res.text();
      assert.match(body, /^beacon_head_slot 42$/m);
      assert.match(body, /^beacon_finalized_epoch 3$/m);
      assert.match(body, /^# TYPE libp2p_peers gauge$/m);
      assert.equal((await fetch(`http://127.0.0.1:${server.port}/other`)).status, 404);
    } finally {
      await server.close();
    }
  });
});
