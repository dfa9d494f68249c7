// A full, valid electra/fulu block for the synthetic state, as a proposer would build it: the right
// proposer and parent, the expected withdrawals, a payload on the state's execution head, the most
// attestations a block can carry for the previous slot (every committee, every bit), and a full sync
// aggregate. Signatures are placeholders: the benchmark runs with signature checks off.
import {BitArray} from "@chainsafe/ssz";
import {MAX_ATTESTATIONS_ELECTRA, MAX_COMMITTEES_PER_SLOT, SLOTS_PER_HISTORICAL_ROOT, SYNC_COMMITTEE_SIZE} from "@hearth/params";
import {getMaxBlobsPerBlock} from "@hearth/config";
import type {electra} from "@hearth/types";
import {G2_POINT_AT_INFINITY} from "@hearth/bls";
import type {BeaconStateElectra, CachedBeaconState} from "../src/types.js";
import {cloneCachedState} from "../src/stateTransition.js";
import {processSlots} from "../src/slot/processSlots.js";
import {processBlock} from "../src/block/processBlock.js";
import {getExpectedWithdrawals} from "../src/block/processWithdrawals.js";
import {getBeaconProposerIndex} from "../src/util/proposer.js";
import {computeEpochAtSlot, computeStartSlotAtEpoch} from "../src/util/epoch.js";
import {getRandaoMix} from "../src/util/seed.js";
import {fakeRoot} from "./syntheticState.js";

const TRANSACTIONS = 200;
const TRANSACTION_BYTES = 400;
const BLOBS = 6;

export interface SyntheticBlock {
  signedBlock: electra.SignedBeaconBlock;
  attestationCount: number;
  attesterCount: number;
  /** Why the block's state_root could not be computed (the transition failed), or null. */
  stateRootError: string | null;
}

/** A block at `base.state.slot + 1`, with its state_root computed by applying it (signatures off). */
export function buildSyntheticBlock(base: CachedBeaconState): SyntheticBlock {
  const cs = cloneCachedState(base);
  const slot = base.state.slot + 1;
  processSlots(cs, slot);
  const state = cs.state as BeaconStateElectra;

  const {attestations, attesterCount} = fullAttestations(cs, base.state.slot);
  const epoch = computeEpochAtSlot(slot);
  const blobs = Math.min(BLOBS, getMaxBlobsPerBlock(cs.config, epoch));
  const latest = state.latestExecutionPayloadHeader;
  const block: electra.BeaconBlock = {
    slot,
    proposerIndex: getBeaconProposerIndex(cs),
    parentRoot: state.latestBlockHeader.hashTreeRoot(),
    stateRoot: new Uint8Array(32),
    body: {
      randaoReveal: G2_POINT_AT_INFINITY,
      eth1Data: state.eth1Data.toValue(),
      graffiti: new TextEncoder().encode("hearth bench".padEnd(32, " ")),
      proposerSlashings: [],
      attesterSlashings: [],
      attestations,
      deposits: [],
      voluntaryExits: [],
      syncAggregate: {
        syncCommitteeBits: BitArray.fromBoolArray(new Array<boolean>(SYNC_COMMITTEE_SIZE).fill(true)),
        syncCommitteeSignature: G2_POINT_AT_INFINITY,
      },
      executionPayload: {
        parentHash: latest.blockHash,
        feeRecipient: new Uint8Array(20).fill(0xfe),
        stateRoot: fakeRoot("execution state", slot),
        receiptsRoot: fakeRoot("receipts", slot),
        logsBloom: new Uint8Array(256),
        prevRandao: getRandaoMix(state, epoch),
        blockNumber: latest.blockNumber + 1,
        gasLimit: latest.gasLimit,
        gasUsed: Math.floor(latest.gasLimit / 2),
        // compute_time_at_slot
        timestamp: state.genesisTime + Math.floor((slot * cs.config.SLOT_DURATION_MS) / 1000),
        extraData: new Uint8Array(0),
        baseFeePerGas: 1_000_000_000n,
        blockHash: fakeRoot("execution block", slot),
        transactions: Array.from({length: TRANSACTIONS}, (_, i) => fakeBytes(`tx ${slot} ${i}`, TRANSACTION_BYTES)),
        withdrawals: getExpectedWithdrawals(cs).withdrawals,
        blobGasUsed: blobs * 131072,
        excessBlobGas: 0,
      },
      blsToExecutionChanges: [],
      blobKzgCommitments: Array.from({length: blobs}, (_, i) => fakeBytes(`kzg ${slot} ${i}`, 48)),
      executionRequests: {deposits: [], withdrawals: [], consolidations: []},
    },
  };

  let stateRootError: string | null = null;
  try {
    const post = cloneCachedState(cs);
    processBlock(post, block, {verifySignatures: false});
    block.stateRoot = post.state.hashTreeRoot();
  } catch (e) {
    stateRootError = (e as Error).message;
  }
  return {signedBlock: {message: block, signature: G2_POINT_AT_INFINITY}, attestationCount: attestations.length, attesterCount, stateRootError};
}

/**
 * MAX_ATTESTATIONS_ELECTRA (8) attestations for `slot`, together covering every committee of the slot
 * with every aggregation bit set: attestation k carries the k-th run of consecutive committees
 * (electra's committee_bits). Source and target are those process_attestation expects, and the head
 * vote is the slot's block root, so every attester earns all three flags.
 */
function fullAttestations(cs: CachedBeaconState, slot: number): {attestations: electra.Attestation[]; attesterCount: number} {
  const state = cs.state;
  const epoch = computeEpochAtSlot(slot);
  const committeeCount = cs.epochCtx.getCommitteeCountPerSlot(epoch);
  const data = {
    slot,
    index: 0,
    beaconBlockRoot: state.blockRoots.get(slot % SLOTS_PER_HISTORICAL_ROOT),
    source: state.currentJustifiedCheckpoint.toValue(),
    target: {epoch, root: state.blockRoots.get(computeStartSlotAtEpoch(epoch) % SLOTS_PER_HISTORICAL_ROOT)},
  };
  const groups = Math.min(MAX_ATTESTATIONS_ELECTRA, committeeCount);
  const attestations: electra.Attestation[] = [];
  let attesterCount = 0;
  for (let g = 0; g < groups; g++) {
    const committeeBits = BitArray.fromBitLen(MAX_COMMITTEES_PER_SLOT);
    let bitLen = 0;
    for (let c = Math.floor((g * committeeCount) / groups); c < Math.floor(((g + 1) * committeeCount) / groups); c++) {
      committeeBits.set(c, true);
      bitLen += cs.epochCtx.getBeaconCommittee(slot, c).length;
    }
    attesterCount += bitLen;
    attestations.push({
      aggregationBits: BitArray.fromBoolArray(new Array<boolean>(bitLen).fill(true)),
      data,
      signature: G2_POINT_AT_INFINITY,
      committeeBits,
    });
  }
  return {attestations, attesterCount};
}

function fakeBytes(label: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let offset = 0, i = 0; offset < length; offset += 32, i++) out.set(fakeRoot(label, i).subarray(0, Math.min(32, length - offset)), offset);
  return out;
}
