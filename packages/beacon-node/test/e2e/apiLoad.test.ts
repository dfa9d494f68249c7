// The Beacon API under load on a live dev chain, on loopback: autocannon asks for a fixed rate
// (overallRate) on /eth/v1/node/health and /eth/v1/beacon/headers/head, and the test checks the
// rate was served, without errors, with p99 latency under 50 ms, while the chain kept producing
// and importing a block every SLOT_MS in the same process (as `hearth dev` does). The slots run
// six times faster than minimal's; the test's own signing of attestations (a validator client's
// work, not the node's) is left out of the loop.
import {strict as assert} from "node:assert";
import {createRequire} from "node:module";
import {createBeaconApiServer, type BeaconApiServer} from "@hearth/api";
import {ACTIVE_PRESET} from "@hearth/params";
import {createBeaconApiImpl, type BeaconApiImplHandle} from "../../src/api/index.js";
import {DevHarness} from "../unit/chain/harness.js";

interface Histogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
}
interface AutocannonResult {
  requests: Histogram & {total: number};
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
type Autocannon = (opts: {url: string; connections: number; duration: number; overallRate: number; workers?: number}) => Promise<AutocannonResult>;
// autocannon is CommonJS without type declarations
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

/** Wall-clock time between the dev chain's blocks during the test. */
const SLOT_MS = 1000;
const DURATION_S = 5;
const P99_LIMIT_MS = 50;

const ENDPOINTS = [
  {path: "/eth/v1/node/health", rate: 2000},
  {path: "/eth/v1/beacon/headers/head", rate: 500},
];

describe("Beacon API load on a live dev chain", function () {
  this.timeout(90_000);
  let h: DevHarness;
  let impl: BeaconApiImplHandle;
  let server: BeaconApiServer;
  let url: string;
  let timer: NodeJS.Timeout | null = null;
  let producing: Promise<unknown> = Promise.resolve();
  let nextSlot = 1;
  let failure: Error | null = null;

  before(async function () {
    assert.equal(ACTIVE_PRESET, "minimal", "run with HEARTH_PRESET=minimal (npm run test:e2e does)");
    h = await DevHarness.create({fork: "fulu", validatorCount: 64});
    for (; nextSlot <= 4; nextSlot++) await h.runSlot(nextSlot);
    impl = createBeaconApiImpl({chain: h.chain, version: "0.1.0"});
    server = createBeaconApiServer({implementation: impl, host: "127.0.0.1", port: 0});
    ({url} = await server.listen());
    // the dev chain's clock: one slot per SLOT_MS, each with its block produced and imported
    timer = setInterval(() => {
      producing = producing.then(async () => {
        try {
          const slot = nextSlot++;
          h.setSlot(slot);
          await h.proposeAndImport(slot);
        } catch (e) {
          failure ??= e as Error;
        }
      });
    }, SLOT_MS);
  });

  after(async () => {
    if (timer !== null) clearInterval(timer);
    await producing;
    impl?.close();
    await server?.close();
    await h?.chain.stop();
  });

  for (const {path, rate} of ENDPOINTS) {
    it(`${path}: ${rate} req/s for ${DURATION_S} s, p99 < ${P99_LIMIT_MS} ms, blocks keep coming`, async () => {
      const headBefore = h.chain.head.node.slot;
      // one worker thread: the load generator's own parsing stays off the node's event loop
      const result = await autocannon({url: url + path, connections: 10, duration: DURATION_S, overallRate: rate, workers: 1});
      const headAfter = h.chain.head.node.slot;
      const served = result.requests.total / result.duration;
      console.log(
        `      ${path}: ${served.toFixed(0)} req/s served (asked ${rate}), latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms max ${result.latency.max} ms, ` +
          `errors ${result.errors}, non-2xx ${result.non2xx}, blocks imported during the load: ${headAfter - headBefore} (head ${headBefore} → ${headAfter})`
      );
      assert.equal(failure, null, `block production failed: ${failure?.message}`);
      assert.equal(result.errors + result.timeouts, 0, "connection errors or timeouts");
      assert.equal(result.non2xx, 0, "answers other than 2xx");
      assert.ok(served >= rate * 0.95, `served ${served.toFixed(0)} req/s of the ${rate} asked`);
      assert.ok(result.latency.p99 < P99_LIMIT_MS, `p99 ${result.latency.p99} ms`);
      assert.ok(headAfter - headBefore >= Math.floor((DURATION_S * 1000) / SLOT_MS / 2), `the head moved ${headAfter - headBefore} slots in ${DURATION_S} s`);
    });
  }
});
