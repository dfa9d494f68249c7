// One request per operation of the Beacon API yaml, with parameters taken from the dev chain: what
// a GET asks for, what a POST sends (valid), and a wrong variant that must be answered 400 naming
// the parameter. An operation without a case here fails the conformance test.
import {blindSignedBlock, blindedTypesFor, blockContentsByFork, EVENT_TOPICS, type AnyBlockContents} from "@hearth/api";
import {computeSigningRoot, toHex} from "@hearth/config";
import {DOMAIN_RANDAO} from "@hearth/params";
import type {BeaconBlockAllForks} from "@hearth/state-transition";
import {altair, capella, electra, fulu, phase0, ssz} from "@hearth/types";
import {Signers, VALIDATORS, type ConformanceChain} from "./chain.js";

export interface Request {
  /** Values of the path's parameters. */
  path?: Record<string, string | number>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  /** Statuses that count as the answer (default: the spec's 2xx). */
  expect?: number[];
  /** The same operation asked wrongly: it must answer 400 with a message naming `names`. */
  bad?: {path?: Record<string, string>; query?: Record<string, string>; body?: unknown; headers?: Record<string, string>; names: string};
}

export type CaseFn = (c: ConformanceChain, s: Signers) => Request | Promise<Request>;

const idx = (n: number): string => String(n);

function headSlot(c: ConformanceChain): number {
  return c.h.chain.head.node.slot;
}
function epochNow(c: ConformanceChain): number {
  return c.h.chain.clock.currentEpoch;
}
function pubkey(c: ConformanceChain, i: number): string {
  return toHex(c.h.keys[i].toPublicKey().toBytes());
}
const badIndices = {body: ["not-a-number"], names: "[0]"};
const stateBad = {path: {state_id: "current"}, names: "state_id"};
const blockBad = {path: {block_id: "current"}, names: "block_id"};

async function producedBlock(c: ConformanceChain, slot: number): Promise<{block: BeaconBlockAllForks; contents: AnyBlockContents}> {
  const epoch = Math.floor(slot / 8);
  const proposer = (await c.h.chain.getProposerDuties(epoch)).duties.find((d) => d.slot === slot);
  if (proposer === undefined) throw new Error(`no proposer at ${slot}`);
  const reveal = c.h.keys[proposer.validatorIndex].sign(computeSigningRoot(ssz.Epoch, epoch, c.h.domain(DOMAIN_RANDAO, epoch))).toBytes();
  const res = await fetch(`${c.url}/eth/v3/validator/blocks/${slot}?randao_reveal=${toHex(reveal)}`);
  if (res.status !== 200) throw new Error(`produceBlockV3 ${res.status}: ${await res.text()}`);
  const contents = blockContentsByFork.fulu.BlockContents.fromJson(((await res.json()) as {data: unknown}).data) as AnyBlockContents;
  return {block: contents.block as BeaconBlockAllForks, contents};
}

export const CASES: Record<string, CaseFn> = {
  // beacon: genesis and states
  getGenesis: () => ({}),
  getStateRoot: () => ({path: {state_id: "head"}, bad: stateBad}),
  getStateFork: () => ({path: {state_id: "finalized"}, bad: stateBad}),
  getStateFinalityCheckpoints: () => ({path: {state_id: "justified"}, bad: stateBad}),
  getStateValidators: (c) => ({path: {state_id: "head"}, query: {id: `1,${pubkey(c, 2)}`, status: "active"}, bad: {query: {status: "sleeping"}, names: "status"}}),
  postStateValidators: (c) => ({path: {state_id: "head"}, body: {ids: ["1", pubkey(c, 2)], statuses: ["active_ongoing"]}, bad: {body: {ids: ["x"]}, names: "ids"}}),
  getStateValidator: (c) => ({path: {state_id: "head", validator_id: pubkey(c, 3)}, bad: {path: {validator_id: "0xzz"}, names: "validator_id"}}),
  getStateValidatorBalances: () => ({path: {state_id: "genesis"}, query: {id: "1,2"}, bad: {query: {id: "0x12"}, names: "id"}}),
  postStateValidatorBalances: (c) => ({path: {state_id: "head"}, body: ["1", pubkey(c, 4)], bad: {body: [1], names: "[0]"}}),
  postStateValidatorIdentities: () => ({path: {state_id: "head"}, body: ["1", "5"], bad: {body: {ids: []}, names: "array"}}),
  getEpochCommittees: (c) => ({path: {state_id: "head"}, query: {epoch: String(epochNow(c))}, bad: {query: {epoch: "-1"}, names: "epoch"}}),
  getEpochSyncCommittees: () => ({path: {state_id: "head"}, bad: stateBad}),
  getStateRandao: () => ({path: {state_id: "head"}, query: {epoch: "1"}, bad: {query: {epoch: "x"}, names: "epoch"}}),
  getPendingDeposits: () => ({path: {state_id: "head"}, bad: stateBad}),
  getPendingPartialWithdrawals: () => ({path: {state_id: "head"}, bad: stateBad}),
  getPendingConsolidations: () => ({path: {state_id: "head"}, bad: stateBad}),
  getProposerLookahead: () => ({path: {state_id: "head"}, bad: stateBad}),
  // beacon: headers and blocks
  getBlockHeaders: (c) => ({query: {slot: String(headSlot(c))}, bad: {query: {slot: "head"}, names: "slot"}}),
  getBlockHeader: () => ({path: {block_id: "head"}, bad: blockBad}),
  // a slot in finalized history: read from the archive
  getBlockV2: () => ({path: {block_id: "2"}, bad: blockBad}),
  getBlockRoot: () => ({path: {block_id: "finalized"}, bad: blockBad}),
  getBlockAttestationsV2: () => ({path: {block_id: "head"}, bad: blockBad}),
  getBlobs: () => ({path: {block_id: "head"}, bad: blockBad}),
  getBlindedBlock: () => ({path: {block_id: "head"}, bad: blockBad}),
  publishBlockV2: async (c) => {
    if (c.h.chain.head.node.slot >= c.h.chain.clock.currentSlot) c.h.setSlot(c.h.chain.clock.currentSlot + 1);
    const slot = c.h.chain.clock.currentSlot;
    const {block, contents} = await producedBlock(c, slot);
    const signed = c.h.sign(block);
    const body = blockContentsByFork.fulu.SignedBlockContents.toJson({signedBlock: signed as never, kzgProofs: contents.kzgProofs, blobs: contents.blobs});
    return {headers: {"eth-consensus-version": "fulu"}, body, bad: {headers: {"eth-consensus-version": "fulu"}, body: {signed_block: {message: {slot: "x"}}}, names: "signed_block"}};
  },
  publishBlindedBlockV2: async (c) => {
    // the next free slot's block, produced by the node, blinded and signed by the test
    if (c.h.chain.head.node.slot >= c.h.chain.clock.currentSlot) c.h.setSlot(c.h.chain.clock.currentSlot + 1);
    const {block} = await producedBlock(c, c.h.chain.clock.currentSlot);
    const blinded = blindSignedBlock("fulu", c.h.sign(block) as never);
    return {
      headers: {"eth-consensus-version": "fulu"},
      body: blindedTypesFor("fulu").SignedBlindedBeaconBlock.toJson(blinded as never),
      bad: {headers: {"eth-consensus-version": "fulu"}, body: {message: {slot: "1"}, signature: "0x"}, names: "message"},
    };
  },
  // beacon: pool
  getPoolAttestationsV2: (c) => ({query: {slot: String(headSlot(c))}, bad: {query: {slot: "x"}, names: "slot"}}),
  submitPoolAttestationsV2: async (_c, s) => ({
    headers: {"eth-consensus-version": "fulu"},
    body: [electra.SingleAttestation.toJson(await s.singleAttestation())],
    bad: {headers: {"eth-consensus-version": "fulu"}, body: [{committee_index: "x"}], names: "committee_index"},
  }),
  getPoolAttesterSlashingsV2: () => ({}),
  submitPoolAttesterSlashingsV2: (_c, s) => ({
    headers: {"eth-consensus-version": "fulu"},
    body: electra.AttesterSlashing.toJson(s.attesterSlashing(9)),
    bad: {headers: {"eth-consensus-version": "fulu"}, body: {attestation_1: 5}, names: "attestation_1"},
  }),
  getPoolProposerSlashings: () => ({}),
  submitPoolProposerSlashings: (_c, s) => ({body: phase0.ProposerSlashing.toJson(s.proposerSlashing(10)), bad: {body: {signed_header_1: "x"}, names: "signed_header_1"}}),
  getPoolVoluntaryExits: () => ({}),
  submitPoolVoluntaryExit: (_c, s) => ({body: phase0.SignedVoluntaryExit.toJson(s.voluntaryExit(11)), bad: {body: {message: {epoch: "1"}, signature: "0x00"}, names: "message"}}),
  getPoolBLSToExecutionChanges: () => ({}),
  submitPoolBLSToExecutionChange: (_c, s) => ({body: [capella.SignedBLSToExecutionChange.toJson(s.blsChange(12))], bad: {body: [{message: 1}], names: "[0]"}}),
  submitPoolSyncCommitteeSignatures: async (_c, s) => ({body: [altair.SyncCommitteeMessage.toJson(await s.syncCommitteeMessage())], bad: {body: [{slot: "x"}], names: "[0]"}}),
  // rewards (computed from imported blocks)
  getBlockRewards: () => ({path: {block_id: "head"}, bad: blockBad}),
  getSyncCommitteeRewards: () => ({path: {block_id: "head"}, body: ["1", "2"], bad: {path: {block_id: "current"}, body: [], names: "block_id"}}),
  getAttestationsRewards: (c) => ({path: {epoch: String(epochNow(c) - 2)}, body: ["1"], bad: {path: {epoch: "x"}, body: [], names: "epoch"}}),
  // light client
  getLightClientBootstrap: (c) => ({path: {block_root: c.h.chain.forkChoice.finalizedCheckpoint.root}, bad: {path: {block_root: "0x12"}, names: "block_root"}}),
  getLightClientUpdatesByRange: () => ({query: {start_period: "0", count: "1"}, bad: {query: {start_period: "x", count: "1"}, names: "start_period"}}),
  getLightClientFinalityUpdate: () => ({}),
  getLightClientOptimisticUpdate: () => ({}),
  // debug
  getStateV2: () => ({path: {state_id: "head"}, bad: stateBad}),
  getDebugChainHeadsV2: () => ({}),
  getDebugForkChoice: () => ({}),
  getDebugDataColumnSidecars: () => ({path: {block_id: "head"}, bad: blockBad}),
  // node
  getNetworkIdentity: () => ({}),
  getPeers: () => ({query: {state: "connected"}}),
  // no network in this process: no peer is known, and the spec's 404 is the answer
  getPeer: () => ({path: {peer_id: "16Uiu2HAmBG2H4XL5i8PYLdnjgFEb2GDSzhxrVRa1UDTahTeNyt6E"}, expect: [404]}),
  getPeerCount: () => ({}),
  getNodeVersion: () => ({}),
  getNodeVersionV2: () => ({}),
  getSyncingStatus: () => ({}),
  getHealth: () => ({bad: {query: {syncing_status: "99"}, names: "syncing_status"}}),
  // config
  getForkSchedule: () => ({}),
  getSpec: () => ({}),
  getDepositContract: () => ({}),
  // validator
  getAttesterDuties: (c) => ({path: {epoch: epochNow(c)}, body: ["1", "2"], bad: {body: badIndices.body, names: "[0]"}}),
  getProposerDuties: (c) => ({path: {epoch: epochNow(c)}, bad: {path: {epoch: "x"}, names: "epoch"}}),
  getProposerDutiesV2: (c) => ({path: {epoch: epochNow(c)}, bad: {path: {epoch: "x"}, names: "epoch"}}),
  getSyncCommitteeDuties: (c) => ({path: {epoch: epochNow(c)}, body: Array.from({length: VALIDATORS}, (_, i) => idx(i)), bad: {body: badIndices.body, names: "[0]"}}),
  produceBlockV3: async (c) => {
    const slot = c.h.chain.clock.currentSlot;
    const epoch = Math.floor(slot / 8);
    const proposer = (await c.h.chain.getProposerDuties(epoch)).duties.find((d) => d.slot === slot);
    const reveal = c.h.keys[proposer?.validatorIndex ?? 0].sign(computeSigningRoot(ssz.Epoch, epoch, c.h.domain(DOMAIN_RANDAO, epoch))).toBytes();
    return {path: {slot}, query: {randao_reveal: toHex(reveal)}, bad: {query: {randao_reveal: "0x12"}, names: "randao_reveal"}};
  },
  produceAttestationData: (c) => ({query: {slot: String(c.h.chain.clock.currentSlot), committee_index: "0"}, bad: {query: {slot: "x"}, names: "slot"}}),
  getAggregatedAttestationV2: async (c) => {
    const slot = c.h.chain.clock.currentSlot - 1;
    const data = await c.h.chain.getAttestationData(slot, 0);
    return {query: {attestation_data_root: toHex(phase0.AttestationData.hashTreeRoot(data)), slot: String(slot), committee_index: "0"}, bad: {query: {attestation_data_root: "0x1"}, names: "attestation_data_root"}};
  },
  publishAggregateAndProofsV2: async (_c, s) => ({
    headers: {"eth-consensus-version": "fulu"},
    body: [electra.SignedAggregateAndProof.toJson(await s.aggregateAndProof())],
    bad: {headers: {"eth-consensus-version": "fulu"}, body: [{message: "x"}], names: "[0]"},
  }),
  prepareBeaconCommitteeSubnet: (c) => ({
    body: [{validator_index: "1", committee_index: "0", committees_at_slot: "1", slot: String(c.h.chain.clock.currentSlot), is_aggregator: true}],
    bad: {body: [{validator_index: "x"}], names: "validator_index"},
  }),
  prepareSyncCommitteeSubnets: (c) => ({body: [{validator_index: "1", sync_committee_indices: ["0"], until_epoch: String(epochNow(c) + 1)}], bad: {body: [{until_epoch: true}], names: "[0]"}}),
  // distributed validator middleware only: the spec lets a beacon node answer 501
  submitBeaconCommitteeSelections: () => ({body: [{validator_index: "1", slot: "1", selection_proof: "0x" + "c0".repeat(96)}], expect: [501], bad: {body: [{slot: "x"}], names: "[0]"}}),
  submitSyncCommitteeSelections: () => ({body: [{validator_index: "1", slot: "1", subcommittee_index: "0", selection_proof: "0x" + "c0".repeat(96)}], expect: [501], bad: {body: [{slot: "x"}], names: "[0]"}}),
  produceSyncCommitteeContribution: (c) => ({
    query: {slot: String(c.h.chain.clock.currentSlot - 1), subcommittee_index: "0", beacon_block_root: c.h.chain.head.node.blockRoot},
    bad: {query: {beacon_block_root: "0x1"}, names: "beacon_block_root"},
  }),
  publishContributionAndProofs: async (_c, s) => ({body: [altair.SignedContributionAndProof.toJson(await s.contributionAndProof())], bad: {body: [{message: 1}], names: "[0]"}}),
  prepareBeaconProposer: () => ({body: [{validator_index: "1", fee_recipient: "0x" + "ab".repeat(20)}], bad: {body: [{validator_index: "1", fee_recipient: "0x12"}], names: "fee_recipient"}}),
  registerValidator: (c) => ({
    body: [{message: {fee_recipient: "0x" + "ab".repeat(20), gas_limit: "30000000", timestamp: "1", pubkey: pubkey(c, 5)}, signature: "0x" + "c0".repeat(96)}],
    bad: {body: [{message: {gas_limit: "x"}}], names: "[0]"},
  }),
  getLiveness: (c) => ({path: {epoch: epochNow(c)}, body: ["1", "2"], bad: {body: badIndices.body, names: "[0]"}}),
  // every topic the node serves and the yaml lists (blob_sidecar left the yaml with fulu, and a fulu chain has no blob sidecars)
  eventstream: () => ({query: {topics: EVENT_TOPICS.filter((t) => t !== "blob_sidecar").join(",")}, bad: {query: {topics: "weather"}, names: "topics"}}),
};
