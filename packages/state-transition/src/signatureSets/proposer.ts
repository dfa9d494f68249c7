// The proposer's two signatures in a block: the block itself (verify_block_signature) and the
// RANDAO reveal (process_randao), both of phase0 beacon-chain.md.
import {DOMAIN_BEACON_PROPOSER, DOMAIN_RANDAO} from "@hearth/params";
import {computeSigningRoot} from "@hearth/config";
import {phase0, sszTypesFor, ssz} from "@hearth/types";
import type {PublicKey, SignatureSet} from "@hearth/bls";
import type {Type, ValueOf} from "@chainsafe/ssz";
import type {CachedBeaconState} from "../types.js";
import type {SignedBeaconBlockAllForks} from "../block/types.js";
import {getDomain} from "../util/domain.js";
import {computeEpochAtSlot, getCurrentEpoch} from "../util/epoch.js";
import {getBeaconProposerIndex} from "../util/proposer.js";

/**
 * The decoded key of validator `index` of this state. The pubkey cache is shared by every state of
 * the chain and may know indices this state does not have, so the registry's length is checked here.
 */
export function validatorPubkey(cs: CachedBeaconState, index: number): PublicKey {
  if (index >= cs.state.validators.length) throw new Error(`validator index ${index} is not in the registry (${cs.state.validators.length})`);
  return cs.epochCtx.pubkeyCache.getPubkey(index);
}

/** verify_block_signature: the block's proposer over the block, in the block's epoch. */
export function getBlockProposerSignatureSet(cs: CachedBeaconState, signedBlock: SignedBeaconBlockAllForks): SignatureSet {
  const block = signedBlock.message;
  const domain = getDomain(cs.state, DOMAIN_BEACON_PROPOSER, computeEpochAtSlot(block.slot));
  // The block type of the state's fork: cs has been advanced to the block's slot, upgrades included.
  const blockType = sszTypesFor(cs.fork).BeaconBlock as unknown as Type<typeof block>;
  return {
    kind: "single",
    pubkey: validatorPubkey(cs, block.proposerIndex),
    signingRoot: computeSigningRoot(blockType, block, domain),
    signature: signedBlock.signature,
  };
}

/** process_randao: the proposer of the state's slot signs the current epoch. */
export function getRandaoRevealSignatureSet(cs: CachedBeaconState, signedBlock: SignedBeaconBlockAllForks): SignatureSet {
  const epoch = getCurrentEpoch(cs.state);
  return {
    kind: "single",
    pubkey: cs.epochCtx.pubkeyCache.getPubkey(getBeaconProposerIndex(cs)),
    signingRoot: computeSigningRoot(ssz.Epoch, epoch, getDomain(cs.state, DOMAIN_RANDAO)),
    signature: signedBlock.message.body.randaoReveal,
  };
}

/** process_proposer_slashing: each of the two headers signed by the accused proposer. */
export function getProposerSlashingSignatureSets(cs: CachedBeaconState, slashing: ValueOf<typeof phase0.ProposerSlashing>): SignatureSet[] {
  return [slashing.signedHeader1, slashing.signedHeader2].map((signedHeader) => {
    const header = signedHeader.message;
    const domain = getDomain(cs.state, DOMAIN_BEACON_PROPOSER, computeEpochAtSlot(header.slot));
    return {
      kind: "single",
      pubkey: validatorPubkey(cs, header.proposerIndex),
      signingRoot: computeSigningRoot(phase0.BeaconBlockHeader, header, domain),
      signature: signedHeader.signature,
    };
  });
}
