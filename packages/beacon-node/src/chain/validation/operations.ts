// voluntary_exit, proposer_slashing, attester_slashing (phase0, deneb, electra p2p-interface.md) and
// bls_to_execution_change (capella p2p-interface.md): validate_*_gossip against the head state.
import {BLS_WITHDRAWAL_PREFIX, DOMAIN_BEACON_PROPOSER, DOMAIN_BLS_TO_EXECUTION_CHANGE, DOMAIN_VOLUNTARY_EXIT, FAR_FUTURE_EPOCH, ForkSeq} from "@hearth/params";
import {capella, phase0} from "@hearth/types";
import {computeDomain, computeSigningRoot} from "@hearth/config";
import {PublicKey, type SignatureSet} from "@hearth/bls";
import {util, type CachedBeaconState} from "@hearth/state-transition";
import {createHash} from "node:crypto";
import type {ValueOf} from "@chainsafe/ssz";
import type {AttesterSlashing, ProposerSlashing, SignedBLSToExecutionChange, SignedVoluntaryExit} from "../opPools/opPool.js";
import {gossipIgnore, gossipReject} from "./errors.js";
import {wallClockSlot, type GossipValidationContext} from "./context.js";

export async function validateGossipVoluntaryExit(ctx: GossipValidationContext, signed: SignedVoluntaryExit): Promise<void> {
  const state = ctx.headState();
  const exit = signed.message;
  const index = exit.validatorIndex;
  if (ctx.seen.voluntaryExitIndices.has(index)) gossipIgnore("already seen voluntary exit for this validator");
  if (index >= state.state.validators.length) gossipReject("validator index out of range");
  const validator = state.state.validators.getReadonly(index);
  const currentEpoch = util.getCurrentEpoch(state.state);
  if (!util.isActiveValidator(validator, currentEpoch)) gossipReject("validator is not active");
  if (validator.exitEpoch !== FAR_FUTURE_EPOCH) gossipReject("validator has already initiated exit");
  if (currentEpoch < exit.epoch) gossipReject("voluntary exit epoch is in the future");
  if (currentEpoch < validator.activationEpoch + ctx.config.SHARD_COMMITTEE_PERIOD) gossipReject("validator has not been active long enough");
  // deneb EIP-7044: exits are signed with the capella fork version forever after.
  const domain =
    ForkSeq[state.fork] >= ForkSeq.deneb
      ? computeDomain(DOMAIN_VOLUNTARY_EXIT, ctx.config.CAPELLA_FORK_VERSION, state.state.genesisValidatorsRoot)
      : util.getDomain(state.state, DOMAIN_VOLUNTARY_EXIT, exit.epoch);
  const set: SignatureSet = {kind: "single", pubkey: state.epochCtx.pubkeyCache.getPubkey(index), signingRoot: computeSigningRoot(phase0.VoluntaryExit, exit, domain), signature: signed.signature};
  if (!(await ctx.verifySignatureSets([set]))) gossipReject("invalid voluntary exit signature");
  if (ctx.seen.voluntaryExitIndices.has(index)) gossipIgnore("already seen voluntary exit for this validator");
  ctx.seen.voluntaryExitIndices.add(index);
}

export async function validateGossipProposerSlashing(ctx: GossipValidationContext, slashing: ProposerSlashing): Promise<void> {
  const state = ctx.headState();
  const h1 = slashing.signedHeader1.message;
  const h2 = slashing.signedHeader2.message;
  const index = h1.proposerIndex;
  if (ctx.seen.proposerSlashingIndices.has(index)) gossipIgnore("already seen proposer slashing for this proposer");
  if (h1.slot !== h2.slot) gossipReject("header slots do not match");
  if (h1.proposerIndex !== h2.proposerIndex) gossipReject("header proposer indices do not match");
  if (phase0.BeaconBlockHeader.equals(h1, h2)) gossipReject("headers are not different");
  if (index >= state.state.validators.length) gossipReject("proposer index out of range");
  if (!util.isSlashableValidator(state.state.validators.getReadonly(index), util.getCurrentEpoch(state.state))) gossipReject("proposer is not slashable");
  const pubkey = state.epochCtx.pubkeyCache.getPubkey(index);
  const sets: SignatureSet[] = [slashing.signedHeader1, slashing.signedHeader2].map((sh) => ({
    kind: "single",
    pubkey,
    signingRoot: computeSigningRoot(phase0.BeaconBlockHeader, sh.message, util.getDomain(state.state, DOMAIN_BEACON_PROPOSER, util.computeEpochAtSlot(sh.message.slot))),
    signature: sh.signature,
  }));
  if (!(await ctx.verifySignatureSets(sets))) gossipReject("invalid proposer slashing signature");
  if (ctx.seen.proposerSlashingIndices.has(index)) gossipIgnore("already seen proposer slashing for this proposer");
  ctx.seen.proposerSlashingIndices.add(index);
}

export async function validateGossipAttesterSlashing(ctx: GossipValidationContext, slashing: AttesterSlashing): Promise<number[]> {
  const state = ctx.headState();
  const {attestation1: a1, attestation2: a2} = slashing;
  const second = new Set(a2.attestingIndices);
  const slashable = [...new Set(a1.attestingIndices.filter((i) => second.has(i)))];
  if (!slashable.some((i) => !ctx.seen.attesterSlashingIndices.has(i))) gossipIgnore("all attester slashing indices already seen");
  if (!util.isSlashableAttestationData(a1.data, a2.data)) gossipReject("attestation data is not slashable");
  const count = state.state.validators.length;
  if (a1.attestingIndices.some((i) => i >= count)) gossipReject("validator index out of range in indexed attestation 1");
  if (!(await isValidIndexedAttestation(ctx, state, a1))) gossipReject("invalid indexed attestation 1");
  if (a2.attestingIndices.some((i) => i >= count)) gossipReject("validator index out of range in indexed attestation 2");
  if (!(await isValidIndexedAttestation(ctx, state, a2))) gossipReject("invalid indexed attestation 2");
  const epoch = util.getCurrentEpoch(state.state);
  if (!slashable.some((i) => util.isSlashableValidator(state.state.validators.getReadonly(i), epoch))) gossipReject("no slashable validators in intersection");
  for (const i of slashable) ctx.seen.attesterSlashingIndices.add(i);
  return slashable;
}

/** is_valid_indexed_attestation, with the signature through the context's verifier. */
async function isValidIndexedAttestation(ctx: GossipValidationContext, state: CachedBeaconState, indexed: AttesterSlashing["attestation1"]): Promise<boolean> {
  if (!util.isValidIndexedAttestation(state, indexed, false)) return false;
  return ctx.verifySignatureSets([util.getIndexedAttestationSignatureSet(state, indexed)]);
}

export async function validateGossipBlsToExecutionChange(ctx: GossipValidationContext, signed: SignedBLSToExecutionChange, currentTimeMs = ctx.currentTimeMs()): Promise<void> {
  const state = ctx.headState();
  const change = signed.message;
  const index = change.validatorIndex;
  if (util.computeEpochAtSlot(wallClockSlot(ctx, currentTimeMs)) < ctx.config.CAPELLA_FORK_EPOCH) gossipIgnore("current epoch is pre-capella");
  if (ctx.seen.blsToExecutionChangeIndices.has(index)) gossipIgnore("already seen BLS to execution change for this validator");
  if (index >= state.state.validators.length) gossipReject("validator index out of range");
  const credentials = state.state.validators.getReadonly(index).withdrawalCredentials;
  if (credentials[0] !== BLS_WITHDRAWAL_PREFIX) gossipReject("validator does not have BLS withdrawal credentials");
  const hashed = createHash("sha256").update(change.fromBlsPubkey).digest();
  if (!Buffer.from(credentials.subarray(1)).equals(hashed.subarray(1))) gossipReject("pubkey does not match validator withdrawal credentials");
  let pubkey: PublicKey;
  try {
    pubkey = PublicKey.fromBytes(change.fromBlsPubkey);
  } catch {
    gossipReject("invalid BLS to execution change signature");
  }
  const domain = computeDomain(DOMAIN_BLS_TO_EXECUTION_CHANGE, ctx.config.GENESIS_FORK_VERSION, state.state.genesisValidatorsRoot);
  const signingRoot = computeSigningRoot(capella.BLSToExecutionChange, change as ValueOf<typeof capella.BLSToExecutionChange>, domain);
  if (!(await ctx.verifySignatureSets([{kind: "single", pubkey, signingRoot, signature: signed.signature}]))) gossipReject("invalid BLS to execution change signature");
  if (ctx.seen.blsToExecutionChangeIndices.has(index)) gossipIgnore("already seen BLS to execution change for this validator");
  ctx.seen.blsToExecutionChangeIndices.add(index);
}
