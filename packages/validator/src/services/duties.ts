// Duties of the client's validators, per epoch: fetched once per epoch from the beacon node and
// again when a head event shows that the block they depend on changed (a reorg).
import {EPOCHS_PER_SYNC_COMMITTEE_PERIOD, SLOTS_PER_EPOCH, isForkAtLeast} from "@hearth/params";
import {bytesEqual, toHex, type BeaconConfig} from "@hearth/config";
import {noopLogger, type AttesterDuty, type EventData, type Logger, type ProposerDuty, type SyncDuty} from "@hearth/api";
import type {ValidatorApi} from "../api.js";
import type {Signer} from "../signer/signer.js";
import {isAggregator} from "../util/aggregation.js";
import type {ValidatorStore} from "./validatorStore.js";
import {fixedProposerPreferences, type ProposerPreferences} from "./proposerPreferences.js";
import {ValidatorRegistrations} from "./registration.js";

export interface AttesterDutyWithProof extends AttesterDuty {
  /** get_slot_signature of the duty's slot, when it makes this validator an aggregator; else null. */
  selectionProof: Uint8Array | null;
  signer: Signer;
}

export interface ProposerDutyWithSigner extends ProposerDuty {
  signer: Signer;
}

export interface SyncDutyWithSigner extends SyncDuty {
  signer: Signer;
}

interface EpochDuties<T> {
  dependentRoot: Uint8Array;
  duties: T[];
}

export interface DutiesServiceOptions {
  api: ValidatorApi;
  store: ValidatorStore;
  config: BeaconConfig;
  logger?: Logger;
  /** Each key's fee recipient, announced with prepareBeaconProposer each epoch (default: none). */
  preferences?: ProposerPreferences;
  /** Also send signed builder registrations (register_validator) each epoch. */
  builderRegistrations?: boolean;
}

export function computeSyncCommitteePeriod(epoch: number): number {
  return Math.floor(epoch / EPOCHS_PER_SYNC_COMMITTEE_PERIOD);
}

export class DutiesService {
  private readonly api: ValidatorApi;
  private readonly store: ValidatorStore;
  private readonly config: BeaconConfig;
  private readonly logger: Logger;
  private readonly preferences: ProposerPreferences;
  private readonly registrations: ValidatorRegistrations | null;
  private readonly proposers = new Map<number, EpochDuties<ProposerDutyWithSigner>>();
  private readonly attesters = new Map<number, EpochDuties<AttesterDutyWithProof>>();
  private readonly syncByPeriod = new Map<number, SyncDutyWithSigner[]>();
  private readonly polls = new Map<number, Promise<void>>();

  constructor(opts: DutiesServiceOptions) {
    this.api = opts.api;
    this.store = opts.store;
    this.config = opts.config;
    this.logger = opts.logger ?? noopLogger;
    this.preferences = opts.preferences ?? fixedProposerPreferences({});
    this.registrations = opts.builderRegistrations === true ? new ValidatorRegistrations(this.preferences) : null;
  }

  /**
   * Fetches the duties of `epoch` once (later calls share the first one's result). A failed fetch
   * is logged and forgotten, so that the next slot's call tries again.
   */
  ensureEpoch(epoch: number, signal?: AbortSignal): Promise<void> {
    let poll = this.polls.get(epoch);
    if (poll === undefined) {
      poll = this.pollEpoch(epoch, signal).catch((e: Error) => {
        this.polls.delete(epoch);
        if (!signal?.aborted) this.logger.warn("Duties fetch failed", {epoch, error: e.message});
      });
      this.polls.set(epoch, poll);
      this.prune(epoch);
    }
    return poll;
  }

  /**
   * Indices, then proposer duties of `epoch`, attester duties of `epoch` and the next, sync duties.
   * Throws (so that the next slot tries again) only when this epoch's proposer or attester duties
   * are missing; the rest is logged and fetched again at the next epoch.
   */
  private async pollEpoch(epoch: number, signal?: AbortSignal): Promise<void> {
    await this.store.resolveIndices(this.api, signal, this.logger);
    if (this.store.indices().length === 0) {
      this.logger.warn("No validator known to the beacon node yet", {epoch, keys: this.store.size});
      return;
    }
    const [proposers, attesters, ...rest] = await Promise.allSettled([
      this.fetchProposers(epoch, signal),
      this.fetchAttesters(epoch, signal),
      this.fetchAttesters(epoch + 1, signal),
      this.fetchSync(epoch, signal),
      this.prepareProposers(signal),
      this.registerValidators(signal),
    ]);
    const names = ["next epoch's attester duties", "sync committee duties", "proposer preparation", "builder registration"];
    rest.forEach((r, i) => {
      if (r.status === "rejected" && !signal?.aborted) this.logger.warn("Duties fetch incomplete", {epoch, what: names[i], error: (r.reason as Error).message});
    });
    for (const r of [proposers, attesters]) if (r.status === "rejected") throw r.reason;
  }

  async fetchProposers(epoch: number, signal?: AbortSignal): Promise<void> {
    const res = await this.api.getProposerDuties({epoch}, {signal});
    const duties: ProposerDutyWithSigner[] = [];
    for (const duty of res.data) {
      const signer = this.store.signerAt(duty.validatorIndex);
      if (signer !== null && bytesEqual(signer.pubkey, duty.pubkey)) duties.push({...duty, signer});
    }
    this.proposers.set(epoch, {dependentRoot: res.meta.dependentRoot, duties});
    if (duties.length > 0) this.logger.info("Proposer duties", {epoch, slots: duties.map((d) => d.slot).join(",")});
  }

  async fetchAttesters(epoch: number, signal?: AbortSignal): Promise<void> {
    const indices = this.store.indices();
    const res = await this.api.getAttesterDuties({epoch, indices}, {signal});
    const ours = res.data.flatMap((duty) => {
      const signer = this.store.signerAt(duty.validatorIndex);
      return signer !== null && bytesEqual(signer.pubkey, duty.pubkey) ? [{duty, signer}] : [];
    });
    // phase0 validator.md, "Aggregation selection": known as soon as the duty is. A key that cannot
    // sign now (doppelganger watch, remote signer down) is no aggregator, and keeps its duty: one
    // key's failure must not cost every other key its attestations.
    const duties: AttesterDutyWithProof[] = await Promise.all(
      ours.map(async ({duty, signer}) => {
        try {
          const proof = await signer.signSelectionProof(duty.slot);
          return {...duty, signer, selectionProof: isAggregator(duty.committeeLength, proof) ? proof : null};
        } catch (e) {
          if (!signal?.aborted) this.logger.warn("Selection proof not signed", {slot: duty.slot, validator: duty.validatorIndex, error: (e as Error).message});
          return {...duty, signer, selectionProof: null};
        }
      }),
    );
    this.attesters.set(epoch, {dependentRoot: res.meta.dependentRoot, duties});
    this.logger.debug("Attester duties", {epoch, count: duties.length, dependentRoot: toHex(res.meta.dependentRoot)});
    if (duties.length === 0) return;
    // the node joins the committees' subnets, and stays on them as aggregator where one is ours
    const subscriptions = duties.map((d) => ({
      validatorIndex: d.validatorIndex,
      committeeIndex: d.committeeIndex,
      committeesAtSlot: d.committeesAtSlot,
      slot: d.slot,
      isAggregator: d.selectionProof !== null,
    }));
    await this.api.prepareBeaconCommitteeSubnet({subscriptions}, {signal});
  }

  /**
   * Sync duties of the period of `epoch`, and of the next period in its last epoch: the messages of
   * a period's last slot are for the next period's committee.
   */
  private async fetchSync(epoch: number, signal?: AbortSignal): Promise<void> {
    const epochs = [epoch];
    if (computeSyncCommitteePeriod(epoch + 1) !== computeSyncCommitteePeriod(epoch)) epochs.push(epoch + 1);
    for (const e of epochs) {
      if (!isForkAtLeast(this.config.forkAtEpoch(e), "altair")) continue;
      const period = computeSyncCommitteePeriod(e);
      const res = await this.api.getSyncCommitteeDuties({epoch: e, indices: this.store.indices()}, {signal});
      const duties: SyncDutyWithSigner[] = [];
      for (const duty of res.data) {
        const signer = this.store.signerAt(duty.validatorIndex);
        if (signer !== null && bytesEqual(signer.pubkey, duty.pubkey)) duties.push({...duty, signer});
      }
      const known = this.syncByPeriod.get(period);
      this.syncByPeriod.set(period, duties);
      if (duties.length === 0) continue;
      if (known === undefined || known.length !== duties.length) this.logger.info("Sync committee duties", {period, validators: duties.length});
      const untilEpoch = (period + 1) * EPOCHS_PER_SYNC_COMMITTEE_PERIOD;
      const subscriptions = duties.map((d) => ({validatorIndex: d.validatorIndex, syncCommitteeIndices: d.validatorSyncCommitteeIndices, untilEpoch}));
      await this.api.prepareSyncCommitteeSubnets({subscriptions}, {signal});
    }
  }

  /** prepare_beacon_proposer with each key's own fee recipient; keys without one are left to the node's default. */
  private async prepareProposers(signal?: AbortSignal): Promise<void> {
    const preparations = this.store.known().flatMap(({index, signer}) => {
      const feeRecipient = this.preferences.feeRecipient(signer.pubkey);
      return feeRecipient === null ? [] : [{validatorIndex: index, feeRecipient}];
    });
    if (preparations.length === 0) return;
    await this.api.prepareBeaconProposer({preparations}, {signal});
  }

  private async registerValidators(signal?: AbortSignal): Promise<void> {
    if (this.registrations === null) return;
    const {registrations, failed} = await this.registrations.registrationsFor(this.store.known().map((k) => k.signer));
    for (const f of failed) if (!signal?.aborted) this.logger.warn("Builder registration not signed", {pubkey: f.pubkey, error: f.error.message});
    if (registrations.length === 0) return;
    await this.api.registerValidator({registrations}, {signal});
  }

  /**
   * A new head: duties fetched under another dependent root are stale. Proposer duties of the
   * head's epoch depend on current_duty_dependent_root, attester duties of that epoch on
   * previous_duty_dependent_root, those of the next epoch on current_duty_dependent_root. Duties of
   * any later epoch were computed on the head advanced through empty slots, so they depend on the
   * head block itself (the proposer duties API: "event.block otherwise") — which matters when the
   * head lags the clock and a late block lands behind it.
   */
  async onHead(head: EventData["head"], signal?: AbortSignal): Promise<void> {
    const epoch = Math.floor(head.slot / SLOTS_PER_EPOCH);
    const stale = (duties: EpochDuties<unknown> | undefined, root: Uint8Array): boolean =>
      duties !== undefined && !bytesEqual(duties.dependentRoot, root);
    const refetches: Promise<void>[] = [];
    for (const e of this.proposers.keys()) {
      if (e >= epoch && stale(this.proposers.get(e), e === epoch ? head.currentDutyDependentRoot : head.block)) refetches.push(this.fetchProposers(e, signal));
    }
    for (const e of this.attesters.keys()) {
      const root = e === epoch ? head.previousDutyDependentRoot : e === epoch + 1 ? head.currentDutyDependentRoot : head.block;
      if (e >= epoch && stale(this.attesters.get(e), root)) refetches.push(this.fetchAttesters(e, signal));
    }
    if (refetches.length === 0) return;
    this.logger.info("Duties refetched after a dependent root changed", {slot: head.slot, epoch, refetches: refetches.length});
    await Promise.all(refetches);
  }

  proposersAt(slot: number): ProposerDutyWithSigner[] {
    return this.proposers.get(Math.floor(slot / SLOTS_PER_EPOCH))?.duties.filter((d) => d.slot === slot) ?? [];
  }

  attestersAt(slot: number): AttesterDutyWithProof[] {
    return this.attesters.get(Math.floor(slot / SLOTS_PER_EPOCH))?.duties.filter((d) => d.slot === slot) ?? [];
  }

  /**
   * The sync committee members among our validators who sign at `slot`: the committee of slot + 1,
   * whose block includes the messages (altair validator.md, compute_subnets_for_sync_committee).
   */
  syncDutiesAt(slot: number): SyncDutyWithSigner[] {
    return this.syncByPeriod.get(computeSyncCommitteePeriod(Math.floor((slot + 1) / SLOTS_PER_EPOCH))) ?? [];
  }

  /** Forgets duties older than the previous epoch. */
  private prune(currentEpoch: number): void {
    for (const map of [this.proposers, this.attesters, this.polls]) {
      for (const epoch of map.keys()) if (epoch < currentEpoch - 1) map.delete(epoch);
    }
    const period = computeSyncCommitteePeriod(currentEpoch);
    for (const p of this.syncByPeriod.keys()) if (p < period - 1) this.syncByPeriod.delete(p);
  }
}
