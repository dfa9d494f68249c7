// What an operator wants to know of a validator client: did every duty get done? Duties are learnt
// from the duty responses the client reads; what was done from what it published. A duty whose slot
// is over (one slot of grace for a late publish) and was not done counts as missed.
import {SLOTS_PER_EPOCH} from "@hearth/params";

export interface EffectivenessCounts {
  /** Attestations missed: expected at a slot that is over, minus those published for it. */
  attestationsMissed: number;
  /** Proposals of ours whose slot is over without a published block. */
  blocksMissed: number;
}

export class DutyLedger {
  /** slot -> validator indices of ours expected to attest */
  private readonly attesters = new Map<number, Set<number>>();
  /** slot -> attestations published for it */
  private readonly attested = new Map<number, number>();
  /** slot -> our proposer's index */
  private readonly proposers = new Map<number, number>();
  private readonly proposed = new Set<number>();
  /** The indices the client asks attester duties for: its own keys. */
  readonly ownIndices = new Set<number>();

  /** A (re)fetch of an epoch's attester duties replaces what was known of that epoch. */
  setAttesterDuties(epoch: number, duties: readonly {slot: number; validatorIndex: number}[]): void {
    for (const slot of epochSlots(epoch)) this.attesters.delete(slot);
    for (const d of duties) {
      let set = this.attesters.get(d.slot);
      if (set === undefined) this.attesters.set(d.slot, (set = new Set()));
      set.add(d.validatorIndex);
    }
  }

  /** Proposer duties name every proposer of the epoch: only ours are kept. */
  setProposerDuties(epoch: number, duties: readonly {slot: number; validatorIndex: number}[]): void {
    for (const slot of epochSlots(epoch)) this.proposers.delete(slot);
    for (const d of duties) if (this.ownIndices.has(d.validatorIndex)) this.proposers.set(d.slot, d.validatorIndex);
  }

  onAttestationsPublished(slots: readonly number[]): void {
    for (const slot of slots) this.attested.set(slot, (this.attested.get(slot) ?? 0) + 1);
  }

  onBlockPublished(slot: number): void {
    this.proposed.add(slot);
  }

  /** Settles every slot before `currentSlot - 1` and forgets it; returns what was missed there. */
  settle(currentSlot: number): EffectivenessCounts {
    const counts = {attestationsMissed: 0, blocksMissed: 0};
    const over = (slot: number): boolean => slot < currentSlot - 1;
    for (const [slot, indices] of this.attesters) {
      if (!over(slot)) continue;
      counts.attestationsMissed += Math.max(0, indices.size - (this.attested.get(slot) ?? 0));
      this.attesters.delete(slot);
    }
    for (const slot of this.attested.keys()) if (over(slot)) this.attested.delete(slot);
    for (const slot of this.proposers.keys()) {
      if (!over(slot)) continue;
      if (!this.proposed.has(slot)) counts.blocksMissed++;
      this.proposers.delete(slot);
    }
    for (const slot of this.proposed) if (over(slot)) this.proposed.delete(slot);
    return counts;
  }
}

function epochSlots(epoch: number): number[] {
  return Array.from({length: SLOTS_PER_EPOCH}, (_, i) => epoch * SLOTS_PER_EPOCH + i);
}
