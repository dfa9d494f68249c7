// Proposing a block at the start of a slot the validator was assigned (phase0 validator.md,
// "Block proposal"): RANDAO reveal, the node builds the block, we sign it, the node publishes it.
import type {Type} from "@chainsafe/ssz";
import {SLOTS_PER_EPOCH, isForkAtLeast} from "@hearth/params";
import {toHex} from "@hearth/config";
import {sszTypesFor} from "@hearth/types";
import {noopLogger, type AnyBlockContents, type Logger, type PublishedBlock} from "@hearth/api";
import type {BeaconBlockAllForks} from "@hearth/state-transition";
import type {ValidatorApi} from "../api.js";
import {ValidatorError, ValidatorErrorCode} from "../errors.js";
import type {ProposerDutyWithSigner} from "./duties.js";
import {fixedProposerPreferences, type ProposerPreferences} from "./proposerPreferences.js";

export interface BlockProposalOptions {
  api: ValidatorApi;
  logger?: Logger;
  /** Each key's graffiti (default: the beacon node's choice). */
  preferences?: ProposerPreferences;
}

export class BlockProposalService {
  private readonly api: ValidatorApi;
  private readonly logger: Logger;
  private readonly preferences: ProposerPreferences;

  constructor(opts: BlockProposalOptions) {
    this.api = opts.api;
    this.logger = opts.logger ?? noopLogger;
    this.preferences = opts.preferences ?? fixedProposerPreferences({});
  }

  /** Proposes for `duty`; returns the published block's root. Throws when any step fails. */
  async propose(duty: ProposerDutyWithSigner, signal?: AbortSignal): Promise<Uint8Array> {
    const {slot, validatorIndex, signer} = duty;
    const epoch = Math.floor(slot / SLOTS_PER_EPOCH);
    const randaoReveal = await signer.signRandao(epoch);
    const graffiti = this.preferences.graffiti(signer.pubkey);
    const res = await this.api.produceBlockV3({slot, randaoReveal, graffiti}, {signal});
    const fork = res.meta.version;
    if (res.meta.executionPayloadBlinded) throw new ValidatorError(ValidatorErrorCode.UNEXPECTED_RESPONSE, {slot, reason: "blinded block"});
    // from deneb the node answers with the block's blobs beside it
    const contents = isForkAtLeast(fork, "deneb") ? (res.data as AnyBlockContents) : null;
    const block = (contents === null ? res.data : contents.block) as BeaconBlockAllForks;
    if (block.slot !== slot || block.proposerIndex !== validatorIndex) {
      throw new ValidatorError(ValidatorErrorCode.UNEXPECTED_RESPONSE, {slot, validatorIndex, blockSlot: block.slot, blockProposer: block.proposerIndex});
    }

    const signature = await signer.signBlock(fork, block);
    const signedBlock = {message: block, signature};
    const published = (contents === null ? signedBlock : {signedBlock, kzgProofs: contents.kzgProofs, blobs: contents.blobs}) as PublishedBlock;
    await this.api.publishBlockV2({fork, signedBlock: published}, {signal});

    const root = (sszTypesFor(fork).BeaconBlock as unknown as Type<BeaconBlockAllForks>).hashTreeRoot(block);
    this.logger.info("Published block", {
      slot,
      fork,
      proposer: validatorIndex,
      root: toHex(root),
      blobs: contents?.blobs.length ?? 0,
      consensusBlockValue: String(res.meta.consensusBlockValue),
    });
    return root;
  }
}
