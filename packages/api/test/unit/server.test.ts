import {strict as assert} from "node:assert";
import type {ValueOf} from "@chainsafe/ssz";
import {toHex} from "@hearth/config";
import {deneb, phase0} from "@hearth/types";
import {ApiClientError, blockContentsByFork} from "../../src/index.js";
import {denebBlock, phase0Block, ROOT_A, ROOT_B} from "./fakeImpl.js";
import {getJson, startTestServer, type TestContext} from "./helpers.js";

describe("Beacon API server and client", function () {
  this.timeout(20_000);
  let t: TestContext;
  before(async () => (t = await startTestServer()));
  after(async () => t.server.close());

  describe("JSON responses", () => {
    it("serves data with its metadata in the spec's JSON shape", async () => {
      const {status, body} = await getJson(`${t.url}/eth/v1/beacon/states/head/finality_checkpoints`);
      assert.equal(status, 200);
      assert.deepEqual(body, {
        execution_optimistic: false,
        finalized: true,
        data: {
          previous_justified: {epoch: "3", root: toHex(ROOT_A)},
          current_justified: {epoch: "3", root: toHex(ROOT_A)},
          finalized: {epoch: "2", root: toHex(ROOT_B)},
        },
      });
    });

    it("round-trips typed values through the client", async () => {
      const fork = await t.client.getStateFork({stateId: "head"});
      assert.deepEqual(fork.data, {previousVersion: new Uint8Array(4), currentVersion: Uint8Array.of(1, 0, 0, 0), epoch: 10});
      assert.deepEqual(fork.meta, {executionOptimistic: false, finalized: true});
      const duties = await t.client.getAttesterDuties({epoch: 3, indices: [5, 6]});
      assert.equal(duties.data.length, 2);
      assert.equal(duties.data[1].slot, 97);
      assert.equal(duties.data[1].validatorIndex, 6);
      assert.deepEqual(duties.meta.dependentRoot, ROOT_B);
      const syncing = await t.client.getSyncingStatus();
      assert.equal(syncing.data.headSlot, 100);
      const peers = await t.client.getPeers({state: ["connected"]});
      assert.equal(peers.data[0].peerId, "p1");
      assert.equal(peers.data[0].enr, null);
      const identity = await t.client.getNetworkIdentity();
      assert.equal(identity.data.metadata.seqNumber, 5n);
    });

    it("writes FAR_FUTURE_EPOCH as the uint64 maximum and reads it back as Infinity", async () => {
      const {body} = await getJson(`${t.url}/eth/v1/beacon/states/head/validators/1`);
      const data = body.data as {index: string; status: string; validator: {exit_epoch: string}};
      assert.equal(data.index, "1");
      assert.equal(data.status, "active_ongoing");
      assert.equal(data.validator.exit_epoch, "18446744073709551615");
      const res = await t.client.getStateValidator({stateId: "head", validatorId: 1});
      assert.equal(res.data.validator.exitEpoch, Infinity);
    });

    it("reads list query parameters repeated or comma-separated", async () => {
      const a = await getJson(`${t.url}/eth/v1/beacon/states/head/validators?id=0&id=2`);
      const b = await getJson(`${t.url}/eth/v1/beacon/states/head/validators?id=0,2`);
      assert.deepEqual((a.body.data as {index: string}[]).map((v) => v.index), ["0", "2"]);
      assert.deepEqual(b.body, a.body);
      const viaClient = await t.client.getStateValidators({stateId: "head", id: [0, 2]});
      assert.deepEqual(viaClient.data.map((v) => v.index), [0, 2]);
      const viaPost = await t.client.postStateValidators({stateId: "head", query: {ids: [1]}});
      assert.deepEqual(viaPost.data.map((v) => v.index), [1]);
    });

    it("adds getPeers' meta.count", async () => {
      const {body} = await getJson(`${t.url}/eth/v1/node/peers`);
      assert.deepEqual(body.meta, {count: 1});
    });

    it("serves the config spec as strings", async () => {
      const spec = await t.client.getSpec();
      assert.equal(spec.data.SECONDS_PER_SLOT, "12");
      const contract = await t.client.getDepositContract();
      assert.equal(contract.data.chainId, 1);
    });
  });

  describe("versioned data and SSZ", () => {
    it("sends Eth-Consensus-Version with a versioned block, in JSON and in SSZ", async () => {
      const json = await getJson(`${t.url}/eth/v2/beacon/blocks/5`);
      assert.equal(json.status, 200);
      assert.equal(json.headers.get("eth-consensus-version"), "phase0");
      assert.equal(json.body.version, "phase0");
      assert.deepEqual(json.body.data, phase0.SignedBeaconBlock.toJson(phase0Block(5)));

      const res = await fetch(`${t.url}/eth/v2/beacon/blocks/5`, {headers: {accept: "application/octet-stream"}});
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "application/octet-stream");
      assert.equal(res.headers.get("eth-consensus-version"), "phase0");
      const bytes = new Uint8Array(await res.arrayBuffer());
      assert.deepEqual(bytes, phase0.SignedBeaconBlock.serialize(phase0Block(5)));
    });

    it("decodes a block by the fork of the response, from JSON and from SSZ", async () => {
      for (const sszResponse of [false, true]) {
        const res = await t.client.getBlockV2({blockId: "head"}, {sszResponse});
        assert.equal(res.meta.version, "deneb");
        assert.deepEqual(
          deneb.SignedBeaconBlock.hashTreeRoot(res.data as deneb.SignedBeaconBlock),
          deneb.SignedBeaconBlock.hashTreeRoot(denebBlock(300)),
          `sszResponse=${sszResponse}`,
        );
      }
    });

    it("publishes a deneb block with blobs as JSON and as SSZ", async () => {
      const contents = {signedBlock: denebBlock(301), kzgProofs: [new Uint8Array(48).fill(2)], blobs: [new Uint8Array(131072).fill(7)]};
      for (const sszRequest of [false, true]) {
        t.node.submitted.length = 0;
        const res = await t.client.publishBlockV2({fork: "deneb", signedBlock: contents, broadcastValidation: "gossip"}, {sszRequest});
        assert.equal(res.status, 200);
        const got = t.node.submitted[0].args as {fork: string; broadcastValidation: string; signedBlock: typeof contents};
        assert.equal(got.fork, "deneb");
        assert.equal(got.broadcastValidation, "gossip");
        const type = blockContentsByFork.deneb.SignedBlockContents;
        assert.deepEqual(type.hashTreeRoot(got.signedBlock), type.hashTreeRoot(contents), `sszRequest=${sszRequest}`);
      }
    });

    it("passes the implementation's 202 through", async () => {
      const res = await t.client.publishBlockV2({fork: "phase0", signedBlock: phase0Block(6), broadcastValidation: "consensus"});
      assert.equal(res.status, 202);
    });

    it("produces a block v3 with its value headers, in JSON and SSZ", async () => {
      const reveal = new Uint8Array(96).fill(0x11);
      for (const sszResponse of [false, true]) {
        const res = await t.client.produceBlockV3({slot: 33, randaoReveal: reveal, skipRandaoVerification: true}, {sszResponse});
        assert.equal(res.meta.version, "deneb");
        assert.equal(res.meta.executionPayloadBlinded, false);
        assert.equal(res.meta.executionPayloadValue, 10n ** 18n);
        assert.equal(res.meta.consensusBlockValue, 12345n);
        const data = res.data as {block: {slot: number}; blobs: Uint8Array[]};
        assert.equal(data.block.slot, 33);
        assert.equal(data.blobs[0][5], 1);
      }
      const raw = await fetch(`${t.url}/eth/v3/validator/blocks/33?randao_reveal=${toHex(reveal)}`);
      assert.equal(raw.headers.get("eth-execution-payload-value"), "1000000000000000000");
      assert.equal(raw.headers.get("eth-execution-payload-blinded"), "false");
      const json = (await raw.json()) as Record<string, unknown>;
      assert.equal(json.execution_payload_value, "1000000000000000000");
      assert.equal(json.consensus_block_value, "12345");
    });

    it("serves a debug state from a tree view and from a value, as SSZ and JSON", async () => {
      const head = await t.client.getStateV2({stateId: "head"}, {sszResponse: true});
      assert.equal(head.meta.version, "phase0");
      assert.deepEqual(
        phase0.BeaconState.hashTreeRoot(head.data as ValueOf<typeof phase0.BeaconState>),
        phase0.BeaconState.defaultViewDU().hashTreeRoot(),
      );
      const genesis = await t.client.getStateV2({stateId: 0});
      assert.equal(genesis.meta.version, "altair");
      assert.equal((genesis.data as {genesisTime: number}).genesisTime, 1606824023);
    });

    it("submits electra single attestations with the fork header, and reports per-item failures", async () => {
      const {electra} = await import("@hearth/types");
      const single = {...electra.SingleAttestation.defaultValue(), attesterIndex: 9};
      t.node.submitted.length = 0;
      await t.client.submitPoolAttestationsV2({fork: "electra", attestations: [single]}, {sszRequest: true});
      const got = t.node.submitted[0].args as {attestations: {attesterIndex: number}[]};
      assert.equal(got.attestations[0].attesterIndex, 9);
      await assert.rejects(t.client.submitPoolAttestationsV2({fork: "electra", attestations: [single, single, single]}), (e: ApiClientError) => {
        assert.equal(e.status, 400);
        assert.deepEqual(e.detail.failures, [{index: 2, message: "invalid signature"}]);
        return true;
      });
    });

    it("answers 406 when the route cannot serve the accepted type", async () => {
      const {status, body} = await getJson(`${t.url}/eth/v1/beacon/states/head/root`, {headers: {accept: "application/octet-stream"}});
      assert.equal(status, 406);
      assert.equal(body.code, 406);
    });

    it("answers 415 for an unsupported request content type", async () => {
      const {status, body} = await getJson(`${t.url}/eth/v1/beacon/pool/voluntary_exits`, {
        method: "POST",
        headers: {"content-type": "text/plain"},
        body: "exit",
      });
      assert.equal(status, 415);
      assert.match(body.message as string, /text\/plain/);
      const ssz = await getJson(`${t.url}/eth/v1/beacon/pool/voluntary_exits`, {
        method: "POST",
        headers: {"content-type": "application/octet-stream"},
        body: new Uint8Array(112),
      });
      assert.equal(ssz.status, 415);
    });
  });
});
