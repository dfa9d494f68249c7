import {strict as assert} from "node:assert";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {deneb, fulu} from "@hearth/types";
import {computeForkDigest, createBeaconConfig} from "@hearth/config";
import {cloneCachedState, computeTimeAtSlot, processExecutionPayload, processSlots, util, type BeaconStateBellatrix, type CachedBeaconState} from "@hearth/state-transition";
import {verifyDataColumnSidecar} from "../../../../src/chain/index.js";
import {DevHarness} from "../harness.js";

// BLOB_SCHEDULE (EIP-7892, fulu beacon-chain.md get_blob_parameters): the blob limit that
// process_execution_payload enforces, and the fork digest, change at each scheduled epoch.
const SCHEDULE = [
  {EPOCH: 1, MAX_BLOBS_PER_BLOCK: 4},
  {EPOCH: 0, MAX_BLOBS_PER_BLOCK: 2},
];

/** The state advanced to `slot` and a body whose payload fits it, with `count` placeholder commitments. */
function bodyAt(genesis: CachedBeaconState, slot: number, count: number): {state: CachedBeaconState; body: Parameters<typeof processExecutionPayload>[1]} {
  const state = cloneCachedState(genesis);
  processSlots(state, slot);
  const payload = deneb.ExecutionPayload.defaultValue();
  const s = state.state as BeaconStateBellatrix;
  payload.parentHash = s.latestExecutionPayloadHeader.blockHash;
  payload.prevRandao = util.getRandaoMix(s, util.computeEpochAtSlot(slot));
  payload.timestamp = computeTimeAtSlot(state.config, s, slot);
  const blobKzgCommitments = Array.from({length: count}, (_, i) => new Uint8Array(48).fill(0xc0 + i));
  return {state, body: {executionPayload: payload, blobKzgCommitments} as unknown as Parameters<typeof processExecutionPayload>[1]};
}

function limitError(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe("chain / dataAvailability: blob-parameter-only forks (BLOB_SCHEDULE)", function () {
  this.timeout(20_000);
  let h: DevHarness;

  before(async () => {
    h = await DevHarness.create({fork: "fulu", validatorCount: 64, configOverrides: {BLOB_SCHEDULE: SCHEDULE}});
  });
  after(async () => h?.chain.stop());

  it("process_execution_payload takes the schedule's limit of the state's epoch, not electra's", () => {
    const genesis = h.chain.head.state;
    const atEpoch0 = bodyAt(genesis, 1, 3);
    assert.match(limitError(() => processExecutionPayload(atEpoch0.state, atEpoch0.body)) ?? "", /3 blob commitments over the limit 2/);
    const two = bodyAt(genesis, 1, 2);
    assert.equal(limitError(() => processExecutionPayload(two.state, two.body)), null);

    const atEpoch1 = bodyAt(genesis, SLOTS_PER_EPOCH, 4);
    assert.equal(limitError(() => processExecutionPayload(atEpoch1.state, atEpoch1.body)), null);
    const five = bodyAt(genesis, SLOTS_PER_EPOCH, 5);
    assert.match(limitError(() => processExecutionPayload(five.state, five.body)) ?? "", /5 blob commitments over the limit 4/);
  });

  it("the fork digest changes at the scheduled epoch and the data-column check follows the same limit", () => {
    const config = createBeaconConfig(h.config, h.genesis.state.genesisValidatorsRoot);
    const d0 = computeForkDigest(h.config, h.genesis.state.genesisValidatorsRoot, 0);
    const d1 = computeForkDigest(h.config, h.genesis.state.genesisValidatorsRoot, 1);
    assert.notEqual(Buffer.from(d0).toString("hex"), Buffer.from(d1).toString("hex"));
    assert.equal(config.getMaxBlobsPerBlock(0), 2);
    assert.equal(config.getMaxBlobsPerBlock(1), 4);
    assert.equal(config.getMaxBlobsPerBlock(1000), 4);

    const sidecar = fulu.DataColumnSidecar.defaultValue();
    sidecar.kzgCommitments = [new Uint8Array(48), new Uint8Array(48), new Uint8Array(48)];
    sidecar.column = sidecar.kzgCommitments.map(() => new Uint8Array(2048));
    sidecar.kzgProofs = sidecar.kzgCommitments.map(() => new Uint8Array(48));
    sidecar.signedBlockHeader.message.slot = 1;
    assert.equal(verifyDataColumnSidecar(h.config, sidecar), false, "3 blobs over epoch 0's limit of 2");
    sidecar.signedBlockHeader.message.slot = SLOTS_PER_EPOCH;
    assert.equal(verifyDataColumnSidecar(h.config, sidecar), true, "3 blobs within epoch 1's limit of 4");
  });
});
