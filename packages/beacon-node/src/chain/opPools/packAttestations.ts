// Choosing a block's attestations: every pooled aggregate the block's pre-state can include, picked
// greedily by how many attesters it adds that neither the state nor an earlier pick already counts.
// Electra (EIP-7549) packs the chosen per-committee aggregates of one AttestationData into one
// on-chain attestation across committees.
import {BitArray} from "@chainsafe/ssz";
import {ForkSeq, MAX_ATTESTATIONS, MAX_ATTESTATIONS_ELECTRA, MAX_COMMITTEES_PER_SLOT, MIN_ATTESTATION_INCLUSION_DELAY, SLOTS_PER_EPOCH} from "@hearth/params";
import type {electra, phase0} from "@hearth/types";
import {aggregateSignatures} from "@hearth/bls";
import {
  getAttestationParticipationFlags,
  util,
  type BeaconStatePhase0,
  type BeaconStatePostAltair,
  type CachedBeaconState,
} from "@hearth/state-transition";
import type {AttestationPool, PooledAttestation} from "./attestationPool.js";

const {computeEpochAtSlot, getCurrentEpoch, getPreviousEpoch} = util;

interface Candidate {
  att: PooledAttestation;
  /** Attesters this aggregate would newly credit (before other picks). */
  attesters: number[];
}

/**
 * The attestations for a block whose pre-state (advanced to the block's slot) is `cs`, best first.
 * Each obeys process_attestation's checks against `cs`; the caller still runs them through the
 * transition, since several together may interact.
 */
export function packAttestations(cs: CachedBeaconState, pool: AttestationPool): (phase0.Attestation | electra.Attestation)[] {
  const candidates = collectCandidates(cs, pool);
  if (ForkSeq[cs.fork] >= ForkSeq.electra) return packElectra(candidates);
  const covered = new Set<number>();
  const out: phase0.Attestation[] = [];
  const remaining = candidates.slice();
  while (out.length < MAX_ATTESTATIONS && remaining.length > 0) {
    let bestIndex = -1;
    let bestGain = 0;
    for (let i = 0; i < remaining.length; i++) {
      const gain = newCount(remaining[i].attesters, covered);
      if (gain > bestGain) {
        bestGain = gain;
        bestIndex = i;
      }
    }
    if (bestIndex < 0) break;
    const [pick] = remaining.splice(bestIndex, 1);
    for (const v of pick.attesters) covered.add(v);
    out.push({aggregationBits: pick.att.aggregationBits, data: pick.att.data, signature: pick.att.signature.toBytes()});
  }
  return out;
}

function newCount(attesters: number[], covered: Set<number>): number {
  let n = 0;
  for (const v of attesters) if (!covered.has(v)) n++;
  return n;
}

/** The pool entries `cs` accepts (process_attestation's window, source and committee checks), with their new attesters. */
function collectCandidates(cs: CachedBeaconState, pool: AttestationPool): Candidate[] {
  const {state} = cs;
  const seq = ForkSeq[cs.fork];
  const currentEpoch = getCurrentEpoch(state);
  const previousEpoch = getPreviousEpoch(state);
  const lastSlot = state.slot - MIN_ATTESTATION_INCLUSION_DELAY;
  const firstSlot = Math.max(0, seq >= ForkSeq.deneb ? computeEpochAtSlot(state.slot) * SLOTS_PER_EPOCH - SLOTS_PER_EPOCH : state.slot - SLOTS_PER_EPOCH);
  // Read once: the participation lists are as long as the registry.
  let currentParticipation: ArrayLike<number> | null = null;
  let previousParticipation: ArrayLike<number> | null = null;
  const participationOf = (epoch: number): ArrayLike<number> => {
    const post = state as BeaconStatePostAltair;
    if (epoch === currentEpoch) return (currentParticipation ??= post.currentEpochParticipation.getAll());
    return (previousParticipation ??= post.previousEpochParticipation.getAll());
  };
  // phase0: validators some pending attestation of the epoch already names (by target epoch)
  let phase0Included: Map<number, Set<number>> | null = null;
  const includedOf = (epoch: number): Set<number> => {
    phase0Included ??= pendingAttesters(cs);
    return phase0Included.get(epoch) ?? new Set();
  };
  const out: Candidate[] = [];
  for (const att of pool.entriesInSlots(firstSlot, lastSlot)) {
    const {data} = att;
    const targetEpoch = data.target.epoch;
    if (targetEpoch !== currentEpoch && targetEpoch !== previousEpoch) continue;
    if (att.committeeIndex >= cs.epochCtx.getCommitteeCountPerSlot(targetEpoch)) continue;
    const committee = cs.epochCtx.getBeaconCommittee(data.slot, att.committeeIndex);
    if (att.aggregationBits.bitLen !== committee.length) continue;
    let flags: number | null = null;
    let participation: ArrayLike<number> | null = null;
    try {
      if (seq >= ForkSeq.altair) {
        flags = getAttestationParticipationFlags(cs, data, state.slot - data.slot);
        participation = participationOf(targetEpoch);
      } else {
        const justified = targetEpoch === currentEpoch ? state.currentJustifiedCheckpoint : state.previousJustifiedCheckpoint;
        if (data.source.epoch !== justified.epoch || !sameBytes(data.source.root, justified.root)) continue;
      }
    } catch {
      // source does not match the state's justified checkpoint: not includable here
      continue;
    }
    const attesters: number[] = [];
    for (let i = 0; i < committee.length; i++) {
      if (!att.aggregationBits.get(i)) continue;
      const v = committee[i];
      // altair: an attester counts only if it would gain a flag it does not have
      if (flags !== null && participation !== null && (participation[v] & flags) === flags) continue;
      if (seq < ForkSeq.altair && includedOf(targetEpoch).has(v)) continue;
      attesters.push(v);
    }
    if (attesters.length > 0) out.push({att, attesters});
  }
  return out;
}

/** phase0: the attesters of the state's pending attestations, by target epoch. */
function pendingAttesters(cs: CachedBeaconState): Map<number, Set<number>> {
  const state = cs.state as BeaconStatePhase0;
  const out = new Map<number, Set<number>>();
  for (const list of [state.previousEpochAttestations, state.currentEpochAttestations]) {
    for (const pending of list.getAllReadonlyValues()) {
      const epoch = pending.data.target.epoch;
      let set = out.get(epoch);
      if (set === undefined) out.set(epoch, (set = new Set()));
      try {
        const committee = cs.epochCtx.getBeaconCommittee(pending.data.slot, pending.data.index);
        for (const v of pending.aggregationBits.intersectValues(committee)) set.add(v);
      } catch {
        // a committee outside the cached epochs: those attestations are no longer includable anyway
      }
    }
  }
  return out;
}

/**
 * Electra: per AttestationData, the best aggregate of each committee; data groups picked greedily
 * by the new attesters of their committees, at most MAX_ATTESTATIONS_ELECTRA.
 */
function packElectra(candidates: Candidate[]): electra.Attestation[] {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const list = groups.get(c.att.dataRoot);
    if (list === undefined) groups.set(c.att.dataRoot, [c]);
    else list.push(c);
  }
  const covered = new Set<number>();
  const remaining = [...groups.values()];
  const out: electra.Attestation[] = [];
  while (out.length < MAX_ATTESTATIONS_ELECTRA && remaining.length > 0) {
    let bestIndex = -1;
    let bestGain = 0;
    let bestPicks: Candidate[] = [];
    for (let i = 0; i < remaining.length; i++) {
      const picks = bestPerCommittee(remaining[i], covered);
      const gain = picks.reduce((sum, c) => sum + newCount(c.attesters, covered), 0);
      if (gain > bestGain) {
        bestGain = gain;
        bestIndex = i;
        bestPicks = picks;
      }
    }
    if (bestIndex < 0) break;
    remaining.splice(bestIndex, 1);
    for (const c of bestPicks) for (const v of c.attesters) covered.add(v);
    out.push(toOnChainAttestation(bestPicks));
  }
  return out;
}

/** For each committee in the group, the aggregate adding the most attesters (committees are disjoint). */
function bestPerCommittee(group: Candidate[], covered: Set<number>): Candidate[] {
  const best = new Map<number, {c: Candidate; gain: number}>();
  for (const c of group) {
    const gain = newCount(c.attesters, covered);
    if (gain === 0) continue;
    const current = best.get(c.att.committeeIndex);
    if (current === undefined || gain > current.gain) best.set(c.att.committeeIndex, {c, gain});
  }
  return [...best.values()].map((b) => b.c).sort((a, b) => a.att.committeeIndex - b.att.committeeIndex);
}

/** One attestation over several committees of one AttestationData (electra validator.md "Attestations"). */
function toOnChainAttestation(picks: Candidate[]): electra.Attestation {
  const committeeBits = BitArray.fromBitLen(MAX_COMMITTEES_PER_SLOT);
  const totalBits = picks.reduce((sum, c) => sum + c.att.aggregationBits.bitLen, 0);
  const aggregationBits = BitArray.fromBitLen(totalBits);
  let offset = 0;
  for (const c of picks) {
    committeeBits.set(c.att.committeeIndex, true);
    const bits = c.att.aggregationBits;
    for (let i = 0; i < bits.bitLen; i++) if (bits.get(i)) aggregationBits.set(offset + i, true);
    offset += bits.bitLen;
  }
  const signature = aggregateSignatures(picks.map((c) => c.att.signature)).toBytes();
  return {aggregationBits, data: picks[0].att.data, signature, committeeBits};
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
