// Attesting (phase0 validator.md "Attesting", electra validator.md "Construct attestation") at
// ATTESTATION_DUE_BPS into the slot, or earlier once the slot's block is head; aggregating
// ("Attestation aggregation") at AGGREGATE_DUE_BPS for the validators selected as aggregators.
import {BitArray} from "@chainsafe/ssz";
import {SLOTS_PER_EPOCH, isForkAtLeast, type ForkName} from "@hearth/params";
import {toHex, type BeaconConfig} from "@hearth/config";
import {phase0, type electra} from "@hearth/types";
import {noopLogger, type AnyAttestation, type AnySignedAggregateAndProof, type Logger, type SubmittedAttestation} from "@hearth/api";
import type {ValidatorApi} from "../api.js";
import {ValidatorError, ValidatorErrorCode} from "../errors.js";
import type {AttesterDutyWithProof, DutiesService} from "./duties.js";

export interface AttestationServiceOptions {
  api: ValidatorApi;
  duties: DutiesService;
  config: BeaconConfig;
  logger?: Logger;
}

export class AttestationService {
  private readonly api: ValidatorApi;
  private readonly duties: DutiesService;
  private readonly config: BeaconConfig;
  private readonly logger: Logger;
  /** Per slot, the attestation round (run once) and the data attested per committee index. */
  private readonly rounds = new Map<number, Promise<Map<number, phase0.AttestationData>>>();

  constructor(opts: AttestationServiceOptions) {
    this.api = opts.api;
    this.duties = opts.duties;
    this.config = opts.config;
    this.logger = opts.logger ?? noopLogger;
  }

  /** Attests for our duties at `slot`, once however often it is called (deadline and head event both call it). */
  attest(slot: number, signal?: AbortSignal): Promise<Map<number, phase0.AttestationData>> {
    let round = this.rounds.get(slot);
    if (round === undefined) {
      round = this.runAttest(slot, signal).catch((e: Error) => {
        if (!signal?.aborted) this.logger.error("Attestation failed", {slot, error: e.message});
        return new Map<number, phase0.AttestationData>();
      });
      this.rounds.set(slot, round);
      for (const s of this.rounds.keys()) if (s < slot - SLOTS_PER_EPOCH) this.rounds.delete(s);
    }
    return round;
  }

  private async runAttest(slot: number, signal?: AbortSignal): Promise<Map<number, phase0.AttestationData>> {
    const dataByCommittee = new Map<number, phase0.AttestationData>();
    const duties = this.duties.attestersAt(slot);
    if (duties.length === 0) return dataByCommittee;
    const fork = this.config.forkAtEpoch(Math.floor(slot / SLOTS_PER_EPOCH));
    const electra = isForkAtLeast(fork, "electra");

    // before electra the data names the committee; from electra it is the same for all (index 0)
    const committees = [...new Set(duties.map((d) => d.committeeIndex))];
    const fetched = await Promise.all(
      (electra ? committees.slice(0, 1) : committees).map(async (committeeIndex) => {
        const res = await this.api.produceAttestationData({slot, committeeIndex}, {signal});
        const data = res.data;
        const expectedIndex = electra ? 0 : committeeIndex;
        if (data.slot !== slot || data.index !== expectedIndex) {
          throw new ValidatorError(ValidatorErrorCode.UNEXPECTED_RESPONSE, {slot, committeeIndex, dataSlot: data.slot, dataIndex: data.index});
        }
        return [committeeIndex, data] as const;
      }),
    );
    for (const committeeIndex of committees) {
      dataByCommittee.set(committeeIndex, electra ? fetched[0][1] : (fetched.find(([c]) => c === committeeIndex)?.[1] as phase0.AttestationData));
    }

    const attestations: SubmittedAttestation[] = [];
    for (const duty of duties) {
      const data = dataByCommittee.get(duty.committeeIndex) as phase0.AttestationData;
      try {
        const signature = await duty.signer.signAttestation(data);
        attestations.push(electra ? singleAttestation(duty, data, signature) : unaggregatedAttestation(duty, data, signature));
      } catch (e) {
        this.logger.warn("Attestation not signed", {slot, validator: duty.validatorIndex, error: (e as Error).message});
      }
    }
    if (attestations.length > 0) {
      await this.api.submitPoolAttestationsV2({fork, attestations}, {signal});
      this.logger.info("Published attestations", {slot, count: attestations.length, head: shortRoot(dataByCommittee)});
    }
    return dataByCommittee;
  }

  /** Aggregates for our aggregators at `slot`, from the data our validators attested to. */
  async aggregate(slot: number, signal?: AbortSignal): Promise<void> {
    const aggregators = this.duties.attestersAt(slot).filter((d) => d.selectionProof !== null);
    if (aggregators.length === 0) return;
    const dataByCommittee = await this.attest(slot, signal);
    const fork = this.config.forkAtEpoch(Math.floor(slot / SLOTS_PER_EPOCH));
    const aggregates = new Map<number, Promise<AnyAttestation>>();
    const signed: AnySignedAggregateAndProof[] = [];
    for (const duty of aggregators) {
      const data = dataByCommittee.get(duty.committeeIndex);
      if (data === undefined) continue;
      try {
        let aggregate = aggregates.get(duty.committeeIndex);
        if (aggregate === undefined) {
          aggregate = this.fetchAggregate(slot, duty.committeeIndex, data, fork, signal);
          aggregates.set(duty.committeeIndex, aggregate);
        }
        // phase0 validator.md, get_aggregate_and_proof
        const message = {aggregatorIndex: duty.validatorIndex, aggregate: await aggregate, selectionProof: duty.selectionProof as Uint8Array};
        const signature = await duty.signer.signAggregateAndProof(fork, message);
        signed.push({message, signature} as AnySignedAggregateAndProof);
      } catch (e) {
        if (!signal?.aborted) this.logger.warn("Aggregate not made", {slot, committeeIndex: duty.committeeIndex, validator: duty.validatorIndex, error: (e as Error).message});
      }
    }
    if (signed.length === 0) return;
    await this.api.publishAggregateAndProofsV2({fork, signedAggregateAndProofs: signed}, {signal});
    this.logger.info("Published aggregates", {slot, count: signed.length});
  }

  private async fetchAggregate(
    slot: number,
    committeeIndex: number,
    data: phase0.AttestationData,
    fork: ForkName,
    signal?: AbortSignal,
  ): Promise<AnyAttestation> {
    const attestationDataRoot = phase0.AttestationData.hashTreeRoot(data);
    const res = await this.api.getAggregatedAttestationV2({attestationDataRoot, slot, committeeIndex}, {signal});
    if (res.meta.version !== fork) throw new ValidatorError(ValidatorErrorCode.FORK_MISMATCH, {slot, fork: res.meta.version, expected: fork});
    return res.data;
  }
}

/** electra validator.md, "Construct attestation": the attester and its committee, no bits. */
function singleAttestation(duty: AttesterDutyWithProof, data: phase0.AttestationData, signature: Uint8Array): electra.SingleAttestation {
  return {committeeIndex: duty.committeeIndex, attesterIndex: duty.validatorIndex, data, signature};
}

/** phase0 validator.md, "Aggregation bits": one bit, the validator's position in its committee. */
function unaggregatedAttestation(duty: AttesterDutyWithProof, data: phase0.AttestationData, signature: Uint8Array): phase0.Attestation {
  const aggregationBits = BitArray.fromBitLen(duty.committeeLength);
  aggregationBits.set(duty.validatorCommitteeIndex, true);
  return {aggregationBits, data, signature};
}

/** The first bytes of the attested head, for the log line. */
function shortRoot(dataByCommittee: Map<number, phase0.AttestationData>): string {
  const data = dataByCommittee.values().next().value;
  return data === undefined ? "" : toHex(data.beaconBlockRoot).slice(0, 10);
}
