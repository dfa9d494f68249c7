// Which validators the node saw at work in an epoch (/eth/v1/validator/liveness, used by validator
// clients' doppelganger protection): proposers of imported blocks and the validators of attestations
// the chain accepted (both from the chain's events, whatever their source), plus aggregators and
// sync committee members whose messages came through this API. Attestations seen only inside
// blocks are not counted: their attesters would need the committee of every included vote.
import type {phase0, electra} from "@hearth/types";
import {util} from "@hearth/state-transition";
import {ChainEvent, type BeaconChain, type BlockEventData} from "../../chain/index.js";

/** The current and previous epoch are what the spec asks a node to answer for; one more as margin. */
const EPOCHS_KEPT = 3;

export class LivenessTracker {
  private readonly byEpoch = new Map<number, Set<number>>();
  private readonly onBlock = (data: BlockEventData): void => {
    const node = this.chain.forkChoice.getBlock(data.block);
    if (node !== undefined) this.record(util.computeEpochAtSlot(data.slot), node.proposerIndex);
  };
  private readonly onAttestation = (data: unknown): void => this.recordAttestation(data as phase0.Attestation | electra.SingleAttestation);

  constructor(private readonly chain: BeaconChain) {
    chain.emitter.on(ChainEvent.block, this.onBlock);
    chain.emitter.on(ChainEvent.attestation, this.onAttestation);
  }

  /** Stops listening to the chain. */
  close(): void {
    this.chain.emitter.off(ChainEvent.block, this.onBlock);
    this.chain.emitter.off(ChainEvent.attestation, this.onAttestation);
  }

  record(epoch: number, validatorIndex: number): void {
    let seen = this.byEpoch.get(epoch);
    if (seen === undefined) {
      seen = new Set();
      this.byEpoch.set(epoch, seen);
      for (const e of this.byEpoch.keys()) if (e + EPOCHS_KEPT <= epoch) this.byEpoch.delete(e);
    }
    seen.add(validatorIndex);
  }

  isLive(epoch: number, validatorIndex: number): boolean {
    return this.byEpoch.get(epoch)?.has(validatorIndex) ?? false;
  }

  /** The oldest epoch answered from full knowledge: earlier ones may have been dropped. */
  oldestEpoch(currentEpoch: number): number {
    return Math.max(0, currentEpoch - (EPOCHS_KEPT - 1));
  }

  private recordAttestation(attestation: phase0.Attestation | electra.SingleAttestation): void {
    const epoch = util.computeEpochAtSlot(attestation.data.slot);
    if ("attesterIndex" in attestation) {
      this.record(epoch, attestation.attesterIndex);
      return;
    }
    // a single-vote phase0 attestation: its one bit's position in the committee names the validator
    const position = attestation.aggregationBits.getSingleTrueBit();
    if (position === null) return;
    try {
      const committee = this.chain.head.state.epochCtx.getBeaconCommittee(attestation.data.slot, attestation.data.index);
      if (position < committee.length) this.record(epoch, committee[position]);
    } catch {
      // a slot outside the head state's shufflings: too old or too new to matter for liveness
    }
  }
}
