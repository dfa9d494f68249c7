// What this node sends to gossip: blocks and operations submitted through its Beacon API (or
// produced by it), once the chain has accepted them. Topics are those of the message's own epoch.
import {GossipType, computeSubnetForAttestation, type Network} from "@hearth/network";
import {ForkSeq} from "@hearth/params";
import type {ValueOf} from "@chainsafe/ssz";
import type {altair, capella, phase0} from "@hearth/types";
import {util, type SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {BeaconChain} from "../chain/chain.js";
import {errorMessage} from "../chain/errors.js";
import type {ChainLogger} from "../chain/interface.js";
import type {AttesterSlashing, ProposerSlashing, SignedBLSToExecutionChange, SignedVoluntaryExit} from "../chain/opPools/opPool.js";
import type {SignedAggregateAndProof, SubmittedAttestation} from "../chain/opPools/submitAttestations.js";
import {computeSubnetsForSyncCommittee} from "../chain/validation/syncCommittee.js";

export interface GossipPublisher {
  block(block: SignedBeaconBlockAllForks): void;
  attestation(attestation: SubmittedAttestation): void;
  aggregate(signed: SignedAggregateAndProof): void;
  voluntaryExit(exit: SignedVoluntaryExit): void;
  proposerSlashing(slashing: ProposerSlashing): void;
  attesterSlashing(slashing: AttesterSlashing): void;
  blsToExecutionChange(change: SignedBLSToExecutionChange): void;
  syncCommitteeMessage(message: ValueOf<typeof altair.SyncCommitteeMessage>): void;
  contribution(signed: ValueOf<typeof altair.SignedContributionAndProof>): void;
}

export function createGossipPublisher(chain: BeaconChain, network: Network, logger: ChainLogger): GossipPublisher {
  const gossip = network.gossip;
  const epochNow = (): number => chain.clock.currentEpoch;
  /** Publishing never fails the API call: a message nobody hears (no peers yet) is logged. */
  function send(what: string, p: () => Promise<number>): void {
    p().then(
      (recipients) => logger.debug("Published to gossip", {what, recipients}),
      (e) => logger.debug("Gossip publish failed", {what, error: errorMessage(e)})
    );
  }
  return {
    block(block) {
      send("block", () => gossip.publishAtEpoch(GossipType.beacon_block, util.computeEpochAtSlot(block.message.slot), block as never));
    },
    attestation(attestation) {
      const {data} = attestation;
      const epoch = util.computeEpochAtSlot(data.slot);
      const committeeIndex = "committeeIndex" in attestation ? attestation.committeeIndex : data.index;
      let subnet: number;
      try {
        subnet = computeSubnetForAttestation(chain.head.state.epochCtx.getCommitteeCountPerSlot(epoch), data.slot, committeeIndex);
      } catch (e) {
        logger.debug("No subnet for attestation", {slot: data.slot, error: errorMessage(e)});
        return;
      }
      send("attestation", () => gossip.publishAtEpoch(GossipType.beacon_attestation, epoch, attestation as never, subnet));
    },
    aggregate(signed) {
      send("aggregate", () => gossip.publishAtEpoch(GossipType.beacon_aggregate_and_proof, util.computeEpochAtSlot(signed.message.aggregate.data.slot), signed as never));
    },
    voluntaryExit(exit) {
      send("voluntary_exit", () => gossip.publishAtEpoch(GossipType.voluntary_exit, epochNow(), exit as ValueOf<typeof phase0.SignedVoluntaryExit>));
    },
    proposerSlashing(slashing) {
      send("proposer_slashing", () => gossip.publishAtEpoch(GossipType.proposer_slashing, epochNow(), slashing as never));
    },
    attesterSlashing(slashing) {
      send("attester_slashing", () => gossip.publishAtEpoch(GossipType.attester_slashing, epochNow(), slashing as never));
    },
    blsToExecutionChange(change) {
      if (ForkSeq[chain.forkAtSlot(chain.clock.currentSlot)] < ForkSeq.capella) return;
      send("bls_to_execution_change", () => gossip.publishAtEpoch(GossipType.bls_to_execution_change, epochNow(), change as ValueOf<typeof capella.SignedBLSToExecutionChange>));
    },
    syncCommitteeMessage(message) {
      let subnets: Set<number>;
      try {
        subnets = computeSubnetsForSyncCommittee(chain.head.state, message.validatorIndex);
      } catch (e) {
        logger.debug("No subnet for sync committee message", {error: errorMessage(e)});
        return;
      }
      const epoch = util.computeEpochAtSlot(message.slot);
      for (const subnet of subnets) send("sync_committee", () => gossip.publishAtEpoch(GossipType.sync_committee, epoch, message, subnet));
    },
    contribution(signed) {
      send("sync_committee_contribution_and_proof", () =>
        gossip.publishAtEpoch(GossipType.sync_committee_contribution_and_proof, util.computeEpochAtSlot(signed.message.contribution.slot), signed)
      );
    },
  };
}
