import {strict as assert} from "node:assert";
import {ACTIVE_PRESET, ForkSeq, type ForkName} from "@hearth/params";
import {verifySignatureSets} from "@hearth/bls";
import {getBlockSignatureSets, interopSecretKeys} from "@hearth/state-transition";
import {
  ApiClientError,
  ApiClientErrorCode,
  createBeaconApiClient,
  createBeaconApiServer,
  type BeaconApiImpl,
  type BeaconApiServer,
  type PublishedBlock,
} from "@hearth/api";
import {ValidatorClient, ValidatorError, ValidatorErrorCode, sleep, type ValidatorApi, type ValidatorApiMethod} from "../../src/index.js";
import {TestChain, committeesAt} from "./helpers/chain.js";
import {FakeNode, signedBlockOf} from "./helpers/fakeNode.js";
import {recordingLogger} from "./helpers/logger.js";

const VALIDATORS = 64;
// Two-second slots: the in-process fake node's work (states, aggregates, for 64 keys) must never block
// the event loop for a whole slot, and a cold process (first JIT, first block production) must fit its
// first proposal into the quarter slot between the client's start and slot 1.
const SLOT_MS = 2000;
const LAST_SLOT = 3;
const secretKeys = interopSecretKeys(VALIDATORS);
const pause = (ms: number): Promise<void> => sleep(ms, new AbortController().signal);

/** Serves the fake node over HTTP with the api package's server, for its client. */
async function serve(node: FakeNode): Promise<{server: BeaconApiServer; url: string}> {
  const api = node.api as unknown as Record<ValidatorApiMethod, (args?: unknown) => Promise<unknown>>;
  const implementation: Record<string, unknown> = {};
  for (const [method, fn] of Object.entries(api)) {
    if (method !== "eventstream") implementation[method] = (args: unknown) => fn(args);
  }
  implementation.eventstream = ({topics, signal}: {topics: []; signal: AbortSignal}) => node.api.eventstream(topics, {signal});
  const server = createBeaconApiServer({implementation: implementation as Partial<BeaconApiImpl>, port: 0});
  const {url} = await server.listen();
  return {server, url};
}

const runs: {fork: ForkName; name: string; http: boolean; ssz: boolean}[] = [
  {fork: "altair", name: "in process", http: false, ssz: false},
  {fork: "electra", name: "in process", http: false, ssz: false},
  // through the api package's server and client: every route and codec the duties use
  {fork: "electra", name: "over HTTP with JSON", http: true, ssz: false},
  {fork: "electra", name: "over HTTP with SSZ", http: true, ssz: true},
];

for (const {fork, ...transport} of runs) {
  describe(`ValidatorClient at ${fork}, ${transport.name}, ${SLOT_MS} ms slots`, function () {
    this.timeout(60_000);

    it("proposes, attests, aggregates and syncs every slot, then stops without leftovers", async () => {
      const chain = new TestChain(fork, VALIDATORS);
      const node = new FakeNode(chain, {SLOT_DURATION_MS: String(SLOT_MS)});
      node.genesisFailures = 1;
      node.headOnPublish = true;
      let served: {server: BeaconApiServer; url: string} | null = null;
      let api: ValidatorApi = node.api;
      if (transport.http) {
        served = await serve(node);
        api = createBeaconApiClient({baseUrl: served.url, sszRequests: transport.ssz, sszResponses: transport.ssz, timeoutMs: 5000});
      }
      const logger = recordingLogger();
      // the client's clock starts 3/4 into slot 0, past its last point: slot 1 is the first to run
      const offset = chain.genesisTime * 1000 + 0.75 * SLOT_MS - Date.now();
      const now = (): number => Date.now() + offset;
      const client = new ValidatorClient({api, secretKeys, logger, retryMs: 50, graffiti: "hearth", now});
      try {
        await client.start();
        assert.equal(node.callsOf("getGenesis").length, 2);
        assert.equal(client.config?.forkAtEpoch(0), fork);
        await pause(chain.genesisTime * 1000 + (LAST_SLOT + 1) * SLOT_MS - now() - 50);
      } finally {
        await client.stop();
        // the server notices the client's closed event stream only when it sends next, or closes
        await served?.server.close();
      }
      const callsAtStop = node.calls.length;
      assert.equal(node.eventSubscribers, 0, "event stream closed");

      // a block at each slot, each signed by its proposer
      const blocks = node.callsOf("publishBlockV2").map((a) => signedBlockOf(a.signedBlock as PublishedBlock));
      assert.deepEqual(blocks.map((b) => b.message.slot), [1, 2, 3]);
      for (const b of blocks) assert.equal(verifySignatureSets(getBlockSignatureSets(chain.stateAt(b.message.slot), b)), true);
      assert.deepEqual(blocks[0].message.body.graffiti.subarray(0, 6), new TextEncoder().encode("hearth"));

      // one submission per slot with every committee member, early (head event) or at the deadline
      const attestedSlots = node.callsOf("submitPoolAttestationsV2").map((a) => (a.attestations as {data: {slot: number}}[])[0].data.slot);
      assert.deepEqual(attestedSlots, [1, 2, 3]);
      for (let slot = 1; slot <= LAST_SLOT; slot++) assert.equal(node.submittedAttestations(slot).length, committeesAt(chain, slot).flat().length);
      const aggregated = node
        .callsOf("publishAggregateAndProofsV2")
        .map((a) => (a.signedAggregateAndProofs as {message: {aggregate: {data: {slot: number}}}}[])[0].message.aggregate.data.slot);
      assert.deepEqual(aggregated, [1, 2, 3]);
      assert.equal(node.callsOf("submitPoolSyncCommitteeSignatures").length, ForkSeq[fork] >= ForkSeq.altair ? LAST_SLOT : 0);
      assert.ok(node.callsOf("publishContributionAndProofs").length > 0);
      assert.equal(node.callsOf("getProposerDuties").length, 1, "duties fetched once for epoch 0");

      assert.ok(logger.lines.some((l) => l.msg === "Beacon node not ready"));
      assert.equal(logger.lines.filter((l) => l.msg === "Published block").length, 3);
      assert.deepEqual(logger.lines.filter((l) => l.level === "error" || l.msg === "Clock skipped a missed slot point"), []);
      await pause(SLOT_MS / 3);
      assert.equal(node.calls.length, callsAtStop, "nothing runs after stop");
    });
  });
}

describe("ValidatorClient start", function () {
  this.timeout(30_000);

  it("refuses a beacon node of another preset", async () => {
    const chain = new TestChain("phase0", 16);
    const node = new FakeNode(chain, {PRESET_BASE: ACTIVE_PRESET === "mainnet" ? "minimal" : "mainnet"});
    const client = new ValidatorClient({api: node.api, secretKeys: secretKeys.slice(0, 16)});
    await assert.rejects(client.start(), (e: unknown) => e instanceof ValidatorError && e.code === ValidatorErrorCode.PRESET_MISMATCH);
    await client.stop();
  });

  it("gives up waiting for an unreachable node when stopped", async () => {
    const chain = new TestChain("phase0", 16);
    const node = new FakeNode(chain);
    const api: ValidatorApi = {
      ...node.api,
      getGenesis: async () => {
        throw new ApiClientError(ApiClientErrorCode.NETWORK, {operationId: "getGenesis", reason: "refused"});
      },
    };
    const client = new ValidatorClient({api, secretKeys: secretKeys.slice(0, 16), retryMs: 20});
    const started = client.start();
    await pause(70);
    await client.stop();
    await assert.rejects(started, /stopped/);
  });
});
