// /eth/v*/validator/* (beacon-APIs apis/validator): duties, block production, attestation data,
// aggregates, sync committee contributions, proposer preparation and liveness.
import {ApiError, type BeaconApiImpl, type ProducedBlock} from "@hearth/api";
import {G2_POINT_AT_INFINITY, verify} from "@hearth/bls";
import {bytesEqual, computeSigningRoot, fromHex, toHex} from "@hearth/config";
import {DOMAIN_RANDAO, ForkSeq, SLOTS_PER_HISTORICAL_ROOT, SYNC_COMMITTEE_SUBNET_COUNT} from "@hearth/params";
import {util} from "@hearth/state-transition";
import {ssz} from "@hearth/types";
import type {ProducedBlock as ChainProducedBlock} from "../../chain/index.js";
import type {ApiContext} from "./context.js";
import {submitEach, withApiErrors} from "./errors.js";
import type {ProducedPayload} from "./producedPayloads.js";

type ValidatorApi = Pick<
  BeaconApiImpl,
  | "getAttesterDuties"
  | "getProposerDuties"
  | "getSyncCommitteeDuties"
  | "produceBlockV3"
  | "produceAttestationData"
  | "getAggregatedAttestationV2"
  | "publishAggregateAndProofsV2"
  | "prepareBeaconCommitteeSubnet"
  | "prepareSyncCommitteeSubnets"
  | "produceSyncCommitteeContribution"
  | "publishContributionAndProofs"
  | "prepareBeaconProposer"
  | "getLiveness"
  | "getProposerDutiesV2"
  | "submitBeaconCommitteeSelections"
  | "submitSyncCommitteeSelections"
  | "registerValidator"
>;

const GWEI_TO_WEI = 1_000_000_000n;

/** produceBlockV3's data: from deneb the block with the blobs and proofs its commitments stand for. */
function producedBlockData(produced: ChainProducedBlock): ProducedBlock {
  if (ForkSeq[produced.fork] < ForkSeq.deneb) return produced.block as ProducedBlock;
  const bundle = produced.blobsBundle;
  return {block: produced.block, kzgProofs: bundle?.proofs ?? [], blobs: bundle?.blobs ?? []} as ProducedBlock;
}

export function createValidatorApi(ctx: ApiContext): ValidatorApi {
  const {chain, logger} = ctx;

  /**
   * The RANDAO reveal must be the proposer's signature of the epoch (phase0 validator.md
   * "Randao reveal"); checked here so that a bad one is the caller's 400, not an invalid block.
   * With skip_randao_verification it must be the point at infinity, as the API asks.
   */
  function checkRandaoReveal(slot: number, proposerPubkey: Uint8Array, randaoReveal: Uint8Array, skip: boolean): void {
    if (skip) {
      if (!bytesEqual(randaoReveal, G2_POINT_AT_INFINITY)) throw new ApiError(400, "randao_reveal must be the point at infinity with skip_randao_verification");
      return;
    }
    const epoch = util.computeEpochAtSlot(slot);
    const signingRoot = computeSigningRoot(ssz.Epoch, epoch, ctx.beaconConfig.getDomain(DOMAIN_RANDAO, epoch));
    if (!verify(proposerPubkey, signingRoot, randaoReveal)) throw new ApiError(400, `Invalid randao_reveal for slot ${slot}`);
  }

  return {
    async getAttesterDuties({epoch, indices}) {
      const duties = await withApiErrors(() => chain.getAttesterDuties(epoch, indices));
      return {data: duties.duties, meta: {dependentRoot: fromHex(duties.dependentRoot), executionOptimistic: duties.executionOptimistic}};
    },

    async getProposerDuties({epoch}) {
      const duties = await withApiErrors(() => chain.getProposerDuties(epoch));
      return {data: duties.duties, meta: {dependentRoot: fromHex(duties.dependentRoot), executionOptimistic: duties.executionOptimistic}};
    },

    async getSyncCommitteeDuties({epoch, indices}) {
      const duties = await withApiErrors(() => chain.getSyncCommitteeDuties(epoch, indices));
      return {data: duties.duties, meta: {executionOptimistic: duties.executionOptimistic}};
    },

    /**
     * A full block on the current head, paying the fee recipient its proposer prepared. There is no
     * builder yet, so builder_boost_factor changes nothing and the block is never blinded.
     */
    async produceBlockV3({slot, randaoReveal, graffiti, skipRandaoVerification}) {
      const produced = await withApiErrors(async () => {
        const duties = await chain.getProposerDuties(util.computeEpochAtSlot(slot));
        const proposer = duties.duties.find((d) => d.slot === slot);
        if (proposer === undefined) throw new ApiError(400, `No proposer for slot ${slot}`);
        checkRandaoReveal(slot, proposer.pubkey, randaoReveal, skipRandaoVerification ?? false);
        const feeRecipient = ctx.feeRecipients.get(proposer.validatorIndex);
        return chain.produceBlock({slot, randaoReveal, graffiti, feeRecipient});
      });
      logger.debug("Block produced", {slot, fork: produced.fork, proposer: produced.block.proposerIndex});
      const payload = (produced.block.body as {executionPayload?: ProducedPayload["payload"]}).executionPayload;
      if (payload !== undefined) ctx.producedPayloads.add({payload, blobsBundle: produced.blobsBundle});
      return {
        data: producedBlockData(produced),
        meta: {
          version: produced.fork,
          executionPayloadBlinded: false,
          executionPayloadValue: produced.executionPayloadValue,
          // the API counts the consensus reward in Wei, the chain in Gwei
          consensusBlockValue: produced.consensusBlockValue * GWEI_TO_WEI,
        },
      };
    },

    async produceAttestationData({slot, committeeIndex}) {
      // electra attestations sign index 0 (EIP-7549), so the committee only matters before it
      if (committeeIndex === undefined && ForkSeq[chain.forkAtSlot(slot)] < ForkSeq.electra) {
        throw new ApiError(400, "committee_index is required before electra");
      }
      return {data: await withApiErrors(() => chain.getAttestationData(slot, committeeIndex ?? 0))};
    },

    async getAggregatedAttestationV2({attestationDataRoot, slot, committeeIndex}) {
      const aggregate = chain.getAggregate(slot, toHex(attestationDataRoot), committeeIndex);
      if (aggregate === null) throw new ApiError(404, `No aggregate for slot ${slot}, committee ${committeeIndex}, data root ${toHex(attestationDataRoot)}`);
      return {data: aggregate, meta: {version: chain.forkAtSlot(slot)}};
    },

    async publishAggregateAndProofsV2({signedAggregateAndProofs}) {
      await submitEach(signedAggregateAndProofs, "aggregates", logger, async (signed) => {
        await chain.submitAggregateAndProof(signed);
        ctx.liveness.record(util.computeEpochAtSlot(signed.message.aggregate.data.slot), signed.message.aggregatorIndex);
      });
    },

    // Subnet subscriptions tell the node which gossip subnets to join. There is no network yet, so
    // they are accepted and nothing is kept.
    async prepareBeaconCommitteeSubnet() {},
    async prepareSyncCommitteeSubnets() {},

    async produceSyncCommitteeContribution({slot, subcommitteeIndex, beaconBlockRoot}) {
      if (subcommitteeIndex >= SYNC_COMMITTEE_SUBNET_COUNT) throw new ApiError(400, `subcommittee_index must be below ${SYNC_COMMITTEE_SUBNET_COUNT}`);
      const contribution = chain.getSyncCommitteeContribution(slot, subcommitteeIndex, beaconBlockRoot);
      if (contribution === null) throw new ApiError(404, `No sync committee contribution for slot ${slot}, subcommittee ${subcommitteeIndex}, block ${toHex(beaconBlockRoot)}`);
      return {data: contribution};
    },

    async publishContributionAndProofs({contributionAndProofs}) {
      await submitEach(contributionAndProofs, "contributions", logger, (signed) => {
        chain.submitContributionAndProof(signed);
        ctx.liveness.record(util.computeEpochAtSlot(signed.message.contribution.slot), signed.message.aggregatorIndex);
      });
    },

    /** Fee recipients by validator index, read when the validator's block is produced. */
    async prepareBeaconProposer({preparations}) {
      for (const {validatorIndex, feeRecipient} of preparations) ctx.feeRecipients.set(validatorIndex, feeRecipient);
    },

    /** Whether each validator was seen at work in `epoch` (see liveness.ts for what counts). */
    async getLiveness({epoch, indices}) {
      const current = chain.clock.currentEpoch;
      const oldest = ctx.liveness.oldestEpoch(current);
      if (epoch > current || epoch < oldest) throw new ApiError(400, `Liveness is known for epochs ${oldest} to ${current}, not ${epoch}`);
      return {data: indices.map((index) => ({index, isLive: ctx.liveness.isLive(epoch, index)}))};
    },

    /**
     * The same duties as v1, with v2's dependent root: the block root at the last slot of epoch - 2
     * (the proposer lookahead fixes proposers an epoch ahead), or the genesis block's on underflow.
     */
    async getProposerDutiesV2({epoch}) {
      const duties = await withApiErrors(() => chain.getProposerDuties(epoch));
      const dependentSlot = util.computeStartSlotAtEpoch(Math.max(epoch - 1, 0)) - 1;
      const head = chain.head;
      let dependentRoot: string;
      if (dependentSlot < 0) dependentRoot = chain.anchorRoot;
      else if (dependentSlot >= head.state.state.slot) dependentRoot = head.node.blockRoot;
      else if (head.state.state.slot - dependentSlot > SLOTS_PER_HISTORICAL_ROOT) throw new ApiError(400, `Invalid path param epoch: ${epoch} is too far behind the head`);
      // get_block_root_at_slot on the head state: the last block at or before the slot
      else dependentRoot = toHex(head.state.state.blockRoots.get(dependentSlot % SLOTS_PER_HISTORICAL_ROOT));
      return {data: duties.duties, meta: {dependentRoot: fromHex(dependentRoot), executionOptimistic: duties.executionOptimistic}};
    },

    // Selections combine a distributed validator's partial selection proofs: the spec leaves them
    // to DVT middleware and lets a beacon node answer 501.
    async submitBeaconCommitteeSelections() {
      throw new ApiError(501, "Beacon committee selections are for distributed validator middleware; this beacon node does not combine selection proofs");
    },
    async submitSyncCommitteeSelections() {
      throw new ApiError(501, "Sync committee selections are for distributed validator middleware; this beacon node does not combine selection proofs");
    },

    /**
     * Builder registrations. There is no builder (relay) to pass them to; the fee recipient of a
     * known validator is taken as its proposal preference, as prepareBeaconProposer's would be.
     */
    async registerValidator({registrations}) {
      const state = chain.head.state;
      for (const {message} of registrations) {
        const index = state.epochCtx.pubkeyCache.getIndex(state.state, message.pubkey);
        if (index !== null && !ctx.feeRecipients.has(index)) ctx.feeRecipients.set(index, message.feeRecipient);
      }
    },
  };
}
