// Sync committee duties (altair validator.md): a message over the head block root at
// SYNC_MESSAGE_DUE_BPS into the slot, and at CONTRIBUTION_DUE_BPS a contribution from each member
// whose sync selection proof makes it an aggregator of its subcommittee.
import type {ValueOf} from "@chainsafe/ssz";
import {SLOTS_PER_EPOCH, isForkAtLeast} from "@hearth/params";
import {toHex, type BeaconConfig} from "@hearth/config";
import type {altair} from "@hearth/types";
import {noopLogger, type Logger} from "@hearth/api";
import type {ValidatorApi} from "../api.js";
import {isSyncCommitteeAggregator, syncSubcommitteeIndex} from "../util/aggregation.js";
import type {DutiesService} from "./duties.js";

export interface SyncCommitteeServiceOptions {
  api: ValidatorApi;
  duties: DutiesService;
  config: BeaconConfig;
  logger?: Logger;
}

export class SyncCommitteeService {
  private readonly api: ValidatorApi;
  private readonly duties: DutiesService;
  private readonly config: BeaconConfig;
  private readonly logger: Logger;
  /** The block root our members signed at each slot: contributions aggregate over the same root. */
  private readonly signedRoots = new Map<number, Uint8Array>();

  constructor(opts: SyncCommitteeServiceOptions) {
    this.api = opts.api;
    this.duties = opts.duties;
    this.config = opts.config;
    this.logger = opts.logger ?? noopLogger;
  }

  private active(slot: number): boolean {
    return isForkAtLeast(this.config.forkAtEpoch(Math.floor(slot / SLOTS_PER_EPOCH)), "altair");
  }

  /** altair validator.md, "Sync committee messages" */
  async produceMessages(slot: number, signal?: AbortSignal): Promise<void> {
    if (!this.active(slot)) return;
    const duties = this.duties.syncDutiesAt(slot);
    if (duties.length === 0) return;
    const blockRoot = (await this.api.getBlockRoot({blockId: "head"}, {signal})).data.root;
    this.signedRoots.set(slot, blockRoot);
    for (const s of this.signedRoots.keys()) if (s < slot - SLOTS_PER_EPOCH) this.signedRoots.delete(s);

    const signatures: ValueOf<typeof altair.SyncCommitteeMessage>[] = [];
    for (const duty of duties) {
      try {
        const signature = await duty.signer.signSyncCommitteeMessage(slot, blockRoot);
        signatures.push({slot, beaconBlockRoot: blockRoot, validatorIndex: duty.validatorIndex, signature});
      } catch (e) {
        this.logger.warn("Sync committee message not signed", {slot, validator: duty.validatorIndex, error: (e as Error).message});
      }
    }
    if (signatures.length === 0) return;
    await this.api.submitPoolSyncCommitteeSignatures({signatures}, {signal});
    this.logger.info("Published sync committee messages", {slot, count: signatures.length, root: toHex(blockRoot).slice(0, 10)});
  }

  /** altair validator.md, "Sync committee contributions" */
  async produceContributions(slot: number, signal?: AbortSignal): Promise<void> {
    if (!this.active(slot)) return;
    const beaconBlockRoot = this.signedRoots.get(slot);
    if (beaconBlockRoot === undefined) return;
    const contributions = new Map<number, Promise<ValueOf<typeof altair.SyncCommitteeContribution>>>();
    const signed: ValueOf<typeof altair.SignedContributionAndProof>[] = [];
    for (const duty of this.duties.syncDutiesAt(slot)) {
      const subcommittees = new Set(duty.validatorSyncCommitteeIndices.map(syncSubcommitteeIndex));
      for (const subcommitteeIndex of subcommittees) {
        try {
          const selectionProof = await duty.signer.signSyncSelectionProof(slot, subcommitteeIndex);
          if (!isSyncCommitteeAggregator(selectionProof)) continue;
          let contribution = contributions.get(subcommitteeIndex);
          if (contribution === undefined) {
            contribution = this.api.produceSyncCommitteeContribution({slot, subcommitteeIndex, beaconBlockRoot}, {signal}).then((r) => r.data);
            contributions.set(subcommitteeIndex, contribution);
          }
          // altair validator.md, get_contribution_and_proof
          const message = {aggregatorIndex: duty.validatorIndex, contribution: await contribution, selectionProof};
          signed.push({message, signature: await duty.signer.signContributionAndProof(message)});
        } catch (e) {
          if (!signal?.aborted) this.logger.warn("Sync contribution not made", {slot, subcommitteeIndex, validator: duty.validatorIndex, error: (e as Error).message});
        }
      }
    }
    if (signed.length === 0) return;
    await this.api.publishContributionAndProofs({contributionAndProofs: signed}, {signal});
    this.logger.info("Published sync committee contributions", {slot, count: signed.length});
  }
}
