// Exits, slashings, BLS changes and sync committee messages offered to the chain: each checked with
// its spec function against a copy of the head state (signature included), then pooled.
import type {ValueOf} from "@chainsafe/ssz";
import {createHash} from "node:crypto";
import {
  DOMAIN_CONTRIBUTION_AND_PROOF,
  DOMAIN_SYNC_COMMITTEE,
  DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF,
  ForkSeq,
  SYNC_COMMITTEE_SIZE,
  SYNC_COMMITTEE_SUBNET_COUNT,
  TARGET_AGGREGATORS_PER_SYNC_SUBCOMMITTEE,
} from "@hearth/params";
import {altair, ssz} from "@hearth/types";
import {computeSigningRoot, toHex} from "@hearth/config";
import {Signature, verifySignatureSets, type SignatureSet} from "@hearth/bls";
import {
  cloneCachedState,
  processAttesterSlashing,
  processBlsToExecutionChange,
  processProposerSlashing,
  processVoluntaryExit,
  util,
  type CachedBeaconState,
} from "@hearth/state-transition";
import {OpError, OpErrorCode, errorMessage} from "../errors.js";
import {ChainEvent} from "../emitter.js";
import type {BeaconChain} from "../chain.js";
import {syncCommitteePositions} from "../duties.js";
import {PoolInsertOutcome} from "./attestationPool.js";
import {SYNC_SUBCOMMITTEE_SIZE} from "./syncCommitteePools.js";
import type {AttesterSlashing, ProposerSlashing, SignedBLSToExecutionChange, SignedVoluntaryExit} from "./opPool.js";

const {computeEpochAtSlot, getDomain} = util;

/** Runs `check` (a process_* function with signature verification) on a copy of the head state. */
function checkOnHeadState(chain: BeaconChain, check: (cs: CachedBeaconState) => void): void {
  try {
    check(cloneCachedState(chain.head.state));
  } catch (e) {
    throw new OpError(OpErrorCode.INVALID, {reason: errorMessage(e)});
  }
}

export function submitVoluntaryExit(chain: BeaconChain, exit: SignedVoluntaryExit): void {
  if (chain.opPool.hasVoluntaryExit(exit.message.validatorIndex)) throw new OpError(OpErrorCode.ALREADY_KNOWN, {validatorIndex: exit.message.validatorIndex});
  checkOnHeadState(chain, (cs) => processVoluntaryExit(cs, exit, true));
  chain.opPool.addVoluntaryExit(exit);
  chain.emitter.emit(ChainEvent.voluntaryExit, exit);
}

export function submitProposerSlashing(chain: BeaconChain, slashing: ProposerSlashing): void {
  checkOnHeadState(chain, (cs) => processProposerSlashing(cs, slashing, true));
  if (!chain.opPool.addProposerSlashing(slashing)) throw new OpError(OpErrorCode.ALREADY_KNOWN);
  chain.emitter.emit(ChainEvent.proposerSlashing, slashing);
}

export function submitAttesterSlashing(chain: BeaconChain, slashing: AttesterSlashing): void {
  checkOnHeadState(chain, (cs) => processAttesterSlashing(cs, slashing, true));
  if (!chain.opPool.addAttesterSlashing(slashing)) throw new OpError(OpErrorCode.ALREADY_KNOWN);
  try {
    chain.forkChoice.onAttesterSlashing(slashing);
  } catch (e) {
    chain.logger.debug("Attester slashing not applied to fork choice", {error: errorMessage(e)});
  }
  chain.emitter.emit(ChainEvent.attesterSlashing, slashing);
}

export function submitBlsToExecutionChange(chain: BeaconChain, change: SignedBLSToExecutionChange): void {
  if (ForkSeq[chain.head.state.fork] < ForkSeq.capella) throw new OpError(OpErrorCode.OUT_OF_RANGE, {reason: "BLS changes start at capella"});
  checkOnHeadState(chain, (cs) => processBlsToExecutionChange(cs, change, true));
  if (!chain.opPool.addBlsToExecutionChange(change)) throw new OpError(OpErrorCode.ALREADY_KNOWN);
  chain.emitter.emit(ChainEvent.blsToExecutionChange, change);
}

/** The head state, checked to serve sync committee messages of `slot` (altair+). */
function syncState(chain: BeaconChain, slot: number): CachedBeaconState {
  const currentSlot = chain.clock.currentSlot;
  if (slot > currentSlot || slot + 1 < currentSlot) throw new OpError(OpErrorCode.OUT_OF_RANGE, {slot, currentSlot});
  const state = chain.head.state;
  if (ForkSeq[state.fork] < ForkSeq.altair) throw new OpError(OpErrorCode.OUT_OF_RANGE, {reason: "no sync committees before altair"});
  return state;
}

function syncSigningRoot(state: CachedBeaconState, slot: number, root: Uint8Array): Uint8Array {
  return computeSigningRoot(ssz.Root, root, getDomain(state.state, DOMAIN_SYNC_COMMITTEE, computeEpochAtSlot(slot)));
}

/** A SyncCommitteeMessage: pooled in every subcommittee its validator sits in. */
export function submitSyncCommitteeMessage(chain: BeaconChain, message: ValueOf<typeof altair.SyncCommitteeMessage>): PoolInsertOutcome {
  const {slot, beaconBlockRoot, validatorIndex, signature} = message;
  const state = syncState(chain, slot);
  if (validatorIndex >= state.state.validators.length) throw new OpError(OpErrorCode.INVALID, {validatorIndex});
  // The committee of slot + 1's epoch (altair p2p-interface.md get_sync_subcommittee_pubkeys).
  const positions = syncCommitteePositions(state, computeEpochAtSlot(slot + 1)).get(toHex(state.state.validators.getReadonly(validatorIndex).pubkey));
  if (positions === undefined) throw new OpError(OpErrorCode.INVALID, {reason: `validator ${validatorIndex} is not in the sync committee`});
  const set: SignatureSet = {kind: "single", pubkey: state.epochCtx.pubkeyCache.getPubkey(validatorIndex), signingRoot: syncSigningRoot(state, slot, beaconBlockRoot), signature};
  if (!verifySignatureSets([set])) throw new OpError(OpErrorCode.INVALID_SIGNATURE, {validatorIndex});
  const decoded = Signature.fromBytes(signature);
  let outcome = PoolInsertOutcome.KNOWN;
  for (let s = 0; s < SYNC_COMMITTEE_SUBNET_COUNT; s++) {
    const inSubnet = positions.filter((p) => Math.floor(p / SYNC_SUBCOMMITTEE_SIZE) === s).map((p) => p % SYNC_SUBCOMMITTEE_SIZE);
    if (inSubnet.length === 0) continue;
    const result = chain.syncCommitteePools.addMessage(slot, beaconBlockRoot, s, inSubnet, decoded);
    if (result !== PoolInsertOutcome.KNOWN) outcome = result;
  }
  return outcome;
}

/** is_sync_committee_aggregator (altair validator.md) */
export function isSyncCommitteeAggregator(selectionProof: Uint8Array): boolean {
  const modulo = Math.max(1, Math.floor(SYNC_COMMITTEE_SIZE / SYNC_COMMITTEE_SUBNET_COUNT / TARGET_AGGREGATORS_PER_SYNC_SUBCOMMITTEE));
  const hash = createHash("sha256").update(selectionProof).digest();
  return Number(new DataView(hash.buffer, hash.byteOffset, 8).getBigUint64(0, true) % BigInt(modulo)) === 0;
}

/** A SignedContributionAndProof: aggregator selection and membership, three signatures in one batch, then pooled. */
export function submitContributionAndProof(chain: BeaconChain, signed: ValueOf<typeof altair.SignedContributionAndProof>): PoolInsertOutcome {
  const {aggregatorIndex, contribution, selectionProof} = signed.message;
  const {slot, subcommitteeIndex, beaconBlockRoot} = contribution;
  const state = syncState(chain, slot);
  if (subcommitteeIndex >= SYNC_COMMITTEE_SUBNET_COUNT) throw new OpError(OpErrorCode.INVALID, {subcommitteeIndex});
  if (aggregatorIndex >= state.state.validators.length) throw new OpError(OpErrorCode.INVALID, {aggregatorIndex});
  const positions = syncCommitteePositions(state, computeEpochAtSlot(slot + 1));
  const aggregatorPositions = positions.get(toHex(state.state.validators.getReadonly(aggregatorIndex).pubkey)) ?? [];
  if (!aggregatorPositions.some((p) => Math.floor(p / SYNC_SUBCOMMITTEE_SIZE) === subcommitteeIndex)) {
    throw new OpError(OpErrorCode.INVALID, {reason: `aggregator ${aggregatorIndex} is not in subcommittee ${subcommitteeIndex}`});
  }
  if (!isSyncCommitteeAggregator(selectionProof)) throw new OpError(OpErrorCode.INVALID, {reason: "selection proof does not select an aggregator"});
  const participants = subcommitteeMembers(state, slot, subcommitteeIndex).filter((_, i) => contribution.aggregationBits.get(i));
  if (participants.length === 0) throw new OpError(OpErrorCode.INVALID, {reason: "empty contribution"});

  const pubkeys = state.epochCtx.pubkeyCache;
  const epoch = computeEpochAtSlot(slot);
  const sets: SignatureSet[] = [
    {
      kind: "single",
      pubkey: pubkeys.getPubkey(aggregatorIndex),
      signingRoot: computeSigningRoot(altair.SyncAggregatorSelectionData, {slot, subcommitteeIndex}, getDomain(state.state, DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF, epoch)),
      signature: selectionProof,
    },
    {
      kind: "single",
      pubkey: pubkeys.getPubkey(aggregatorIndex),
      signingRoot: computeSigningRoot(altair.ContributionAndProof, signed.message, getDomain(state.state, DOMAIN_CONTRIBUTION_AND_PROOF, epoch)),
      signature: signed.signature,
    },
    {kind: "aggregate", pubkeys: participants.map((i) => pubkeys.getPubkey(i)), signingRoot: syncSigningRoot(state, slot, beaconBlockRoot), signature: contribution.signature},
  ];
  if (!verifySignatureSets(sets)) throw new OpError(OpErrorCode.INVALID_SIGNATURE, {aggregatorIndex});
  const outcome = chain.syncCommitteePools.addContribution(contribution);
  chain.emitter.emit(ChainEvent.contributionAndProof, signed);
  return outcome;
}

/** Validator indices of a subcommittee's members, in order (a validator may appear more than once). */
function subcommitteeMembers(state: CachedBeaconState, slot: number, subcommitteeIndex: number): number[] {
  const positions = syncCommitteePositions(state, computeEpochAtSlot(slot + 1));
  const out = new Array<number>(SYNC_SUBCOMMITTEE_SIZE);
  for (const [pubkeyHex, list] of positions) {
    const index = state.epochCtx.pubkeyCache.getIndex(state.state, Buffer.from(pubkeyHex.slice(2), "hex"));
    if (index === null) continue;
    for (const p of list) if (Math.floor(p / SYNC_SUBCOMMITTEE_SIZE) === subcommitteeIndex) out[p % SYNC_SUBCOMMITTEE_SIZE] = index;
  }
  return out;
}
