// The checks of a signed block header that blob sidecars, data column sidecars and partial column
// headers all carry (deneb and fulu p2p-interface.md, partial-columns/p2p-interface.md): the same
// conditions in the same order for the three topics. `what` names the message in the reasons
// ("blob sidecar", "sidecar", "header").
import {DOMAIN_BEACON_PROPOSER} from "@hearth/params";
import {phase0} from "@hearth/types";
import {computeSigningRoot, toHex} from "@hearth/config";
import type {SignatureSet} from "@hearth/bls";
import {util, type CachedBeaconState} from "@hearth/state-transition";
import type {ValueOf} from "@chainsafe/ssz";
import {gossipIgnore, gossipReject} from "./errors.js";
import {isNotFromFutureSlot, type GossipValidationContext} from "./context.js";

type BeaconBlockHeader = ValueOf<typeof phase0.BeaconBlockHeader>;
type SignedBeaconBlockHeader = ValueOf<typeof phase0.SignedBeaconBlockHeader>;

/**
 * [IGNORE] not from a future slot; [IGNORE] from a slot after the finalized one; [REJECT] the
 * proposer index is a validator of the head state, which is returned.
 */
export function checkHeaderSlotAndProposerIndex(
  ctx: GossipValidationContext,
  header: BeaconBlockHeader,
  finalizedSlot: number,
  currentTimeMs: number,
  what: string
): CachedBeaconState {
  if (!isNotFromFutureSlot(ctx, header.slot, currentTimeMs)) gossipIgnore(`${what} is from a future slot`);
  if (header.slot <= finalizedSlot) gossipIgnore(`${what} is not from a slot greater than the latest finalized slot`);
  const state = ctx.headState();
  if (header.proposerIndex >= state.state.validators.length) gossipReject("proposer index out of range");
  return state;
}

/** The proposer's signature over the header, as a set for ctx.verifySignatureSets. */
export function proposerSignatureSet(state: CachedBeaconState, signed: SignedBeaconBlockHeader): SignatureSet {
  const header = signed.message;
  const domain = util.getDomain(state.state, DOMAIN_BEACON_PROPOSER, util.computeEpochAtSlot(header.slot));
  return {
    kind: "single",
    pubkey: state.epochCtx.pubkeyCache.getPubkey(header.proposerIndex),
    signingRoot: computeSigningRoot(phase0.BeaconBlockHeader, header, domain),
    signature: signed.signature,
  };
}

/**
 * [IGNORE] the parent has been seen; [REJECT] it passed validation, the header's slot is above its
 * slot, and the finalized checkpoint is an ancestor. Returns the parent root as 0x-hex.
 */
export function checkHeaderParent(ctx: GossipValidationContext, header: BeaconBlockHeader, finalized: {epoch: number; root: string}, what: string): string {
  const parentRoot = toHex(header.parentRoot);
  const parentSlot = ctx.getBlockSlot(parentRoot);
  if (parentSlot === null) gossipIgnore(`${what}'s parent has not been seen`);
  if (!ctx.isBlockValid(parentRoot)) gossipReject(`${what}'s parent failed validation`);
  if (header.slot <= parentSlot) gossipReject(`${what} is not from a higher slot than its parent`);
  if (ctx.getCheckpointBlock(parentRoot, finalized.epoch) !== finalized.root) gossipReject(`finalized checkpoint is not an ancestor of ${what}'s block`);
  return parentRoot;
}

/** [REJECT] the header is proposed by the expected proposer_index ([IGNORE] when the shuffling is not available). */
export async function checkHeaderProposer(ctx: GossipValidationContext, parentRoot: string, header: BeaconBlockHeader, what: string): Promise<void> {
  const preState = await ctx.getPreState(parentRoot, header.slot);
  if (preState === null) gossipIgnore("proposer shuffling not available");
  if (header.proposerIndex !== util.getBeaconProposerIndex(preState)) gossipReject(`${what} proposer_index does not match expected proposer`);
}
