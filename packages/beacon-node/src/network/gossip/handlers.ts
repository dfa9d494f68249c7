// The node's GossipHandlers: each message is validated per the spec (chain/validation), then, once
// accepted, imported (blocks through chain.processBlock, the one import pipeline) or pooled. The
// verdict goes back to gossipsub before the import finishes, so a valid block is forwarded without
// waiting for its state transition.
import {GossipType, gossipAccept, type GossipHandlers, type GossipLogger, type GossipValidationResult} from "@hearth/network";
import {BitArray} from "@chainsafe/ssz";
import {Signature} from "@hearth/bls";
import {phase0} from "@hearth/types";
import {toHex} from "@hearth/config";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {BeaconChain} from "../../chain/chain.js";
import {computeBlockRoot} from "../../chain/blocks/verifyBlock.js";
import {BlockError, BlockErrorCode, errorMessage} from "../../chain/errors.js";
import {ChainEvent} from "../../chain/emitter.js";
import {
  GossipValidationError,
  validateGossipAggregateAndProof,
  validateGossipAttestation,
  validateGossipAttesterSlashing,
  validateGossipBlobSidecar,
  validateGossipBlock,
  validateGossipBlsToExecutionChange,
  validateGossipDataColumnSidecar,
  validateGossipContributionAndProof,
  validateGossipLightClientUpdate,
  validateGossipProposerSlashing,
  validateGossipSyncCommitteeMessage,
  validateGossipVoluntaryExit,
  type LightClientSource,
} from "../../chain/validation/index.js";
import type {ChainGossipContext} from "../../chain/validation/chainContext.js";

/** Block errors that mean the block itself is bad (its children are then rejected too). */
const INVALID_BLOCK_CODES = new Set<BlockErrorCode>([
  BlockErrorCode.STATE_TRANSITION_ERROR,
  BlockErrorCode.INVALID_STATE_ROOT,
  BlockErrorCode.INVALID_SIGNATURE,
  BlockErrorCode.EXECUTION_PAYLOAD_INVALID,
  BlockErrorCode.INCORRECT_PROPOSER,
]);

export interface GossipHandlerOptions {
  chain: BeaconChain;
  context: ChainGossipContext;
  logger: GossipLogger;
  /** The node's light-client server, when it computes updates (otherwise LC gossip is ignored). */
  lightClient?: LightClientSource | null;
  /** Called after a gossip block was imported (e.g. to log or update sync state). */
  onBlockImported?(root: string, slot: number): void;
}

/** Runs a validation; maps its GossipValidationError to ignore/reject. Other errors propagate (the Gossip class logs them as ignore). */
async function verdict(fn: () => Promise<unknown> | unknown): Promise<GossipValidationResult | null> {
  try {
    await fn();
    return null;
  } catch (e) {
    if (e instanceof GossipValidationError) return e.code === "ignore" ? {result: "ignore", reason: e.reason} : {result: "reject", reason: e.reason};
    throw e;
  }
}

export function createGossipHandlers(opts: GossipHandlerOptions): GossipHandlers {
  const {chain, context: ctx, logger} = opts;

  function importBlock(block: SignedBeaconBlockAllForks): void {
    const root = toHex(computeBlockRoot(chain, block.message));
    const commitments = (block.message.body as {blobKzgCommitments?: unknown[]}).blobKzgCommitments ?? [];
    chain
      .processBlock(block, {source: "gossip", dataAvailable: commitments.length === 0})
      .then((res) => opts.onBlockImported?.(res.blockRoot, res.slot))
      .catch((e) => {
        if (e instanceof BlockError && INVALID_BLOCK_CODES.has(e.code)) ctx.markBlockInvalid(root, block.message.slot);
        if (e instanceof BlockError && e.code === BlockErrorCode.ALREADY_KNOWN) return;
        // Not a failure: the block waits in the availability cache and is imported when its
        // sidecars arrive (gossip, req/resp, the engine or reconstruction).
        if (e instanceof BlockError && e.code === BlockErrorCode.DATA_UNAVAILABLE) {
          logger.debug("Gossip block waits for its data", {slot: block.message.slot, root, ...e.detail});
          return;
        }
        logger.warn("Gossip block not imported", {slot: block.message.slot, root, error: errorMessage(e)});
      });
  }

  /** Hands an accepted sidecar to the availability cache; its failure is ours, never the peer's. */
  function addSidecar(what: string, add: () => void): void {
    try {
      add();
    } catch (e) {
      logger.warn(`Gossip ${what} sidecar not added`, {error: errorMessage(e)});
    }
  }

  return {
    async [GossipType.beacon_block](block) {
      const bad = await verdict(() => validateGossipBlock(ctx, block as SignedBeaconBlockAllForks));
      if (bad) return bad;
      importBlock(block as SignedBeaconBlockAllForks);
      return gossipAccept();
    },

    async [GossipType.beacon_aggregate_and_proof](signed) {
      let out: Awaited<ReturnType<typeof validateGossipAggregateAndProof>> | undefined;
      const bad = await verdict(async () => (out = await validateGossipAggregateAndProof(ctx, signed)));
      if (bad || out === undefined) return bad ?? {result: "ignore", reason: "no result"};
      const {aggregate} = signed.message;
      try {
        chain.attestationPool.add({
          data: aggregate.data,
          dataRoot: toHex(phase0.AttestationData.hashTreeRoot(aggregate.data)),
          committeeIndex: out.committeeIndex,
          aggregationBits: aggregate.aggregationBits,
          signature: Signature.fromBytes(aggregate.signature),
        });
        chain.addVote(aggregate.data, out.attestingIndices);
      } catch (e) {
        logger.debug("Gossip aggregate not pooled", {error: errorMessage(e)});
      }
      return gossipAccept();
    },

    async [GossipType.beacon_attestation](attestation, meta) {
      let out: Awaited<ReturnType<typeof validateGossipAttestation>> | undefined;
      const bad = await verdict(async () => (out = await validateGossipAttestation(ctx, attestation, meta.topic.subnet ?? -1)));
      if (bad || out === undefined) return bad ?? {result: "ignore", reason: "no result"};
      try {
        chain.attestationPool.add({
          data: attestation.data,
          dataRoot: toHex(phase0.AttestationData.hashTreeRoot(attestation.data)),
          committeeIndex: out.committeeIndex,
          aggregationBits: BitArray.fromSingleBit(out.committeeSize, out.committeePosition),
          signature: Signature.fromBytes(attestation.signature),
        });
        chain.addVote(attestation.data, [out.attesterIndex]);
        chain.emitter.emit(ChainEvent.attestation, attestation);
      } catch (e) {
        logger.debug("Gossip attestation not pooled", {error: errorMessage(e)});
      }
      return gossipAccept();
    },

    async [GossipType.voluntary_exit](exit) {
      const bad = await verdict(() => validateGossipVoluntaryExit(ctx, exit));
      if (bad) return bad;
      chain.opPool.addVoluntaryExit(exit);
      chain.emitter.emit(ChainEvent.voluntaryExit, exit);
      return gossipAccept();
    },

    async [GossipType.proposer_slashing](slashing) {
      const bad = await verdict(() => validateGossipProposerSlashing(ctx, slashing));
      if (bad) return bad;
      chain.opPool.addProposerSlashing(slashing);
      chain.emitter.emit(ChainEvent.proposerSlashing, slashing);
      return gossipAccept();
    },

    async [GossipType.attester_slashing](slashing) {
      const bad = await verdict(() => validateGossipAttesterSlashing(ctx, slashing));
      if (bad) return bad;
      chain.opPool.addAttesterSlashing(slashing);
      try {
        chain.forkChoice.onAttesterSlashing(slashing);
      } catch (e) {
        logger.debug("Attester slashing not applied to fork choice", {error: errorMessage(e)});
      }
      chain.emitter.emit(ChainEvent.attesterSlashing, slashing);
      return gossipAccept();
    },

    async [GossipType.sync_committee_contribution_and_proof](signed) {
      const bad = await verdict(() => validateGossipContributionAndProof(ctx, signed));
      if (bad) return bad;
      chain.syncCommitteePools.addContribution(signed.message.contribution);
      chain.emitter.emit(ChainEvent.contributionAndProof, signed);
      return gossipAccept();
    },

    async [GossipType.sync_committee](message, meta) {
      const subnet = meta.topic.subnet ?? -1;
      let out: {positions: number[]} | undefined;
      const bad = await verdict(async () => (out = await validateGossipSyncCommitteeMessage(ctx, message, subnet)));
      if (bad || out === undefined) return bad ?? {result: "ignore", reason: "no result"};
      chain.syncCommitteePools.addMessage(message.slot, message.beaconBlockRoot, subnet, out.positions, Signature.fromBytes(message.signature));
      return gossipAccept();
    },

    async [GossipType.bls_to_execution_change](change) {
      const bad = await verdict(() => validateGossipBlsToExecutionChange(ctx, change));
      if (bad) return bad;
      chain.opPool.addBlsToExecutionChange(change);
      chain.emitter.emit(ChainEvent.blsToExecutionChange, change);
      return gossipAccept();
    },

    async [GossipType.blob_sidecar](sidecar, meta) {
      const bad = await verdict(() => validateGossipBlobSidecar(ctx, sidecar, meta.topic.subnet ?? -1));
      if (bad) return bad;
      // Validation checked the inclusion proof and the KZG proof: the availability check need not again.
      addSidecar("blob", () => chain.dataAvailability.addBlobSidecar(sidecar, {verified: true}));
      return gossipAccept();
    },

    async [GossipType.data_column_sidecar](sidecar, meta) {
      const bad = await verdict(() => validateGossipDataColumnSidecar(ctx, sidecar, meta.topic.subnet ?? -1));
      if (bad) return bad;
      addSidecar("data column", () => chain.dataAvailability.addDataColumnSidecar(sidecar, {verified: true}));
      return gossipAccept();
    },

    async [GossipType.light_client_finality_update](update, meta) {
      const input = {kind: "finality" as const, headerSlot: update.finalizedHeader.beacon.slot, signatureSlot: update.signatureSlot, sszBytes: meta.sszBytes};
      return (await verdict(() => validateGossipLightClientUpdate(ctx, opts.lightClient ?? null, input))) ?? gossipAccept();
    },

    async [GossipType.light_client_optimistic_update](update, meta) {
      const input = {kind: "optimistic" as const, headerSlot: update.attestedHeader.beacon.slot, signatureSlot: update.signatureSlot, sszBytes: meta.sszBytes};
      return (await verdict(() => validateGossipLightClientUpdate(ctx, opts.lightClient ?? null, input))) ?? gossipAccept();
    },
  };
}
