// /eth/v*/beacon/pool/* (beacon-APIs apis/beacon/pool): what the chain's pools hold, and
// submissions, each validated by the chain's submit methods before it is pooled.
import {BitArray} from "@chainsafe/ssz";
import type {AnyAttestation, AnyAttesterSlashing, BeaconApiImpl} from "@hearth/api";
import {ForkSeq, MAX_COMMITTEES_PER_SLOT, MAX_VALIDATORS_PER_COMMITTEE, type ForkName} from "@hearth/params";
import {util} from "@hearth/state-transition";
import type {PooledAttestation} from "../../../chain/index.js";
import type {ApiContext} from "../context.js";
import {submitEach, submitOne} from "../errors.js";

type PoolApi = Pick<
  BeaconApiImpl,
  | "getPoolAttestationsV2"
  | "submitPoolAttestationsV2"
  | "getPoolAttesterSlashingsV2"
  | "submitPoolAttesterSlashingsV2"
  | "getPoolProposerSlashings"
  | "submitPoolProposerSlashings"
  | "getPoolVoluntaryExits"
  | "submitPoolVoluntaryExit"
  | "submitPoolSyncCommitteeSignatures"
  | "getPoolBLSToExecutionChanges"
  | "submitPoolBLSToExecutionChange"
>;

function isElectra(fork: ForkName): boolean {
  return ForkSeq[fork] >= ForkSeq.electra;
}

/** A pool entry as the fork's Attestation: from electra it names its committee in committee_bits. */
export function pooledToAttestation(entry: PooledAttestation, electra: boolean): AnyAttestation {
  const base = {aggregationBits: entry.aggregationBits.clone(), data: entry.data, signature: entry.signature.toBytes()};
  return electra ? {...base, committeeBits: BitArray.fromSingleBit(MAX_COMMITTEES_PER_SLOT, entry.committeeIndex)} : base;
}

export function createPoolApi(ctx: ApiContext): PoolApi {
  const {chain, logger} = ctx;
  /** The fork whose types a pool listing is written in: the head's. */
  const headFork = (): ForkName => chain.head.state.fork;

  return {
    /** Pooled attestations (of `slot` and `committeeIndex` when given) of one fork's type. */
    async getPoolAttestationsV2({slot, committeeIndex}) {
      const version = slot !== undefined ? chain.forkAtSlot(slot) : headFork();
      const electra = isElectra(version);
      const data: AnyAttestation[] = [];
      for (const entry of chain.attestationPool.entriesInSlots(slot ?? 0, slot ?? Infinity)) {
        if (committeeIndex !== undefined && entry.committeeIndex !== committeeIndex) continue;
        // around a fork both types may be pooled; a response carries one
        if (isElectra(chain.forkAtSlot(entry.data.slot)) !== electra) continue;
        data.push(pooledToAttestation(entry, electra));
      }
      return {data, meta: {version}};
    },

    async submitPoolAttestationsV2({attestations}) {
      await submitEach(attestations, "attestations", logger, (attestation) => chain.submitAttestation(attestation));
    },

    async getPoolAttesterSlashingsV2() {
      const version = headFork();
      const electra = isElectra(version);
      // the response is of the head fork's type: before electra only slashings within its index limit fit
      const fits = (s: AnyAttesterSlashing): boolean =>
        electra || (s.attestation1.attestingIndices.length <= MAX_VALIDATORS_PER_COMMITTEE && s.attestation2.attestingIndices.length <= MAX_VALIDATORS_PER_COMMITTEE);
      return {data: (chain.opPool.getAllAttesterSlashings() as AnyAttesterSlashing[]).filter(fits), meta: {version}};
    },

    async submitPoolAttesterSlashingsV2({attesterSlashing}) {
      await submitOne(() => chain.submitAttesterSlashing(attesterSlashing));
    },

    async getPoolProposerSlashings() {
      return {data: chain.opPool.getAllProposerSlashings()};
    },

    async submitPoolProposerSlashings({proposerSlashing}) {
      await submitOne(() => chain.submitProposerSlashing(proposerSlashing));
    },

    async getPoolVoluntaryExits() {
      return {data: chain.opPool.getAllVoluntaryExits()};
    },

    async submitPoolVoluntaryExit({signedVoluntaryExit}) {
      await submitOne(() => chain.submitVoluntaryExit(signedVoluntaryExit));
    },

    async submitPoolSyncCommitteeSignatures({signatures}) {
      await submitEach(signatures, "sync committee messages", logger, (message) => {
        chain.submitSyncCommitteeMessage(message);
        ctx.liveness.record(util.computeEpochAtSlot(message.slot), message.validatorIndex);
      });
    },

    async getPoolBLSToExecutionChanges() {
      return {data: chain.opPool.getAllBlsToExecutionChanges()};
    },

    async submitPoolBLSToExecutionChange({changes}) {
      await submitEach(changes, "BLS to execution changes", logger, (change) => chain.submitBlsToExecutionChange(change));
    },
  };
}
