// Voluntary exits, proposer and attester slashings and BLS-to-execution changes waiting for a block.
// Entries are validated before they enter; block production re-checks them against its pre-state
// (another block may have included them, or an exit may now conflict with a slashing).
import type {ValueOf} from "@chainsafe/ssz";
import {FAR_FUTURE_EPOCH} from "@hearth/params";
import {phase0, type capella, type electra} from "@hearth/types";
import {util, type CachedBeaconState} from "@hearth/state-transition";
import {toHex} from "@hearth/config";

export type SignedVoluntaryExit = ValueOf<typeof phase0.SignedVoluntaryExit>;
export type ProposerSlashing = ValueOf<typeof phase0.ProposerSlashing>;
export type AttesterSlashing = ValueOf<typeof phase0.AttesterSlashing> | ValueOf<typeof electra.AttesterSlashing>;
export type SignedBLSToExecutionChange = ValueOf<typeof capella.SignedBLSToExecutionChange>;

/** The validators an attester slashing would slash: the intersection of its two attestations. */
export function attesterSlashingIndices(slashing: AttesterSlashing): number[] {
  const second = new Set(slashing.attestation2.attestingIndices);
  return slashing.attestation1.attestingIndices.filter((i) => second.has(i));
}

export class OpPool {
  private readonly voluntaryExits = new Map<number, SignedVoluntaryExit>();
  private readonly proposerSlashings = new Map<number, ProposerSlashing>();
  /** Keyed by the two attestation datas' roots, so one slashing is held once. */
  private readonly attesterSlashings = new Map<string, {slashing: AttesterSlashing; indices: number[]}>();
  private readonly blsToExecutionChanges = new Map<number, SignedBLSToExecutionChange>();

  hasVoluntaryExit(validatorIndex: number): boolean {
    return this.voluntaryExits.has(validatorIndex);
  }

  addVoluntaryExit(exit: SignedVoluntaryExit): boolean {
    if (this.voluntaryExits.has(exit.message.validatorIndex)) return false;
    this.voluntaryExits.set(exit.message.validatorIndex, exit);
    return true;
  }

  addProposerSlashing(slashing: ProposerSlashing): boolean {
    const index = slashing.signedHeader1.message.proposerIndex;
    if (this.proposerSlashings.has(index)) return false;
    this.proposerSlashings.set(index, slashing);
    return true;
  }

  addAttesterSlashing(slashing: AttesterSlashing): boolean {
    const key = toHex(phase0.AttestationData.hashTreeRoot(slashing.attestation1.data)) + toHex(phase0.AttestationData.hashTreeRoot(slashing.attestation2.data));
    if (this.attesterSlashings.has(key)) return false;
    this.attesterSlashings.set(key, {slashing, indices: attesterSlashingIndices(slashing)});
    return true;
  }

  addBlsToExecutionChange(change: SignedBLSToExecutionChange): boolean {
    if (this.blsToExecutionChanges.has(change.message.validatorIndex)) return false;
    this.blsToExecutionChanges.set(change.message.validatorIndex, change);
    return true;
  }

  getAllVoluntaryExits(): SignedVoluntaryExit[] {
    return [...this.voluntaryExits.values()];
  }
  getAllProposerSlashings(): ProposerSlashing[] {
    return [...this.proposerSlashings.values()];
  }
  getAllAttesterSlashings(): AttesterSlashing[] {
    return [...this.attesterSlashings.values()].map((e) => e.slashing);
  }
  getAllBlsToExecutionChanges(): SignedBLSToExecutionChange[] {
    return [...this.blsToExecutionChanges.values()];
  }

  /**
   * Candidates for a block on `cs`, each list in insertion order and without entries `cs` already
   * made moot (an exited validator's exit, a slashed proposer's slashing …). Limits are left to the
   * producer, which drops what the transition refuses.
   */
  getCandidates(cs: CachedBeaconState): {
    proposerSlashings: ProposerSlashing[];
    attesterSlashings: AttesterSlashing[];
    voluntaryExits: SignedVoluntaryExit[];
    blsToExecutionChanges: SignedBLSToExecutionChange[];
  } {
    const epoch = util.getCurrentEpoch(cs.state);
    const validators = cs.state.validators;
    const n = validators.length;
    const slashable = (i: number): boolean => i < n && util.isSlashableValidator(validators.getReadonly(i), epoch);
    return {
      proposerSlashings: this.getAllProposerSlashings().filter((s) => slashable(s.signedHeader1.message.proposerIndex)),
      attesterSlashings: [...this.attesterSlashings.values()].filter((e) => e.indices.some(slashable)).map((e) => e.slashing),
      voluntaryExits: this.getAllVoluntaryExits().filter((e) => e.message.validatorIndex < n && validators.getReadonly(e.message.validatorIndex).exitEpoch === FAR_FUTURE_EPOCH),
      blsToExecutionChanges: this.getAllBlsToExecutionChanges().filter(
        (c) => c.message.validatorIndex < n && validators.getReadonly(c.message.validatorIndex).withdrawalCredentials[0] === 0
      ),
    };
  }

  /** Drops every entry that `cs` (the head state, or the finalized one) has made moot. */
  prune(cs: CachedBeaconState): void {
    const epoch = util.getCurrentEpoch(cs.state);
    const validators = cs.state.validators;
    const n = validators.length;
    for (const [i] of this.voluntaryExits) {
      if (i < n && validators.getReadonly(i).exitEpoch !== FAR_FUTURE_EPOCH) this.voluntaryExits.delete(i);
    }
    for (const [i] of this.proposerSlashings) {
      if (i < n && !util.isSlashableValidator(validators.getReadonly(i), epoch)) this.proposerSlashings.delete(i);
    }
    for (const [key, entry] of this.attesterSlashings) {
      if (!entry.indices.some((i) => i < n && util.isSlashableValidator(validators.getReadonly(i), epoch))) this.attesterSlashings.delete(key);
    }
    for (const [i] of this.blsToExecutionChanges) {
      if (i < n && validators.getReadonly(i).withdrawalCredentials[0] !== 0) this.blsToExecutionChanges.delete(i);
    }
  }
}
