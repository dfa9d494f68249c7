// Which attestation and sync committee subnets the node is on, and for how long:
// - long-lived attestation subnets from compute_subscribed_subnets(node_id, epoch), advertised in the
//   ENR and MetaData `attnets`;
// - short-lived attestation subnets for validator duties (aggregators must be on the subnet of their
//   committee for the slot; validator.md "Attestation aggregation"), kept until the duty's slot ends;
// - sync committee subnets for validators in the current/next sync committee until their period
//   ends, advertised in `syncnets`.
// The service only decides; `onSubscribe`/`onUnsubscribe` do the gossip work.
import {ATTESTATION_SUBNET_COUNT, SLOTS_PER_EPOCH, SYNC_COMMITTEE_SUBNET_COUNT} from "@hearth/params";
import type {ChainConfig} from "@hearth/config";
import {computeSubscribedSubnets} from "./computeSubnets.js";
import type {LocalMetadata} from "./metadata.js";

export type SubnetKind = "attnet" | "syncnet";

/** A duty-driven attestation subnet subscription (from prepareBeaconCommitteeSubnet). */
export interface AttnetDuty {
  subnet: number;
  /** The duty's slot: the subscription lasts to the end of it. */
  slot: number;
  /** Non-aggregators need not join the subnet (they only publish to it). */
  isAggregator: boolean;
}

/** A sync committee subnet subscription (from prepareSyncCommitteeSubnets). */
export interface SyncnetDuty {
  subnet: number;
  /** Exclusive: the subscription ends when this epoch starts. */
  untilEpoch: number;
}

export interface SubnetsServiceOptions {
  config: ChainConfig;
  /** The ENR node id as a uint256. */
  nodeId: bigint;
  metadata: LocalMetadata;
  onSubscribe(kind: SubnetKind, subnet: number): void;
  onUnsubscribe(kind: SubnetKind, subnet: number): void;
  /** Subscribe to all attestation subnets (--subscribeAllSubnets). */
  subscribeAllSubnets?: boolean;
}

export class SubnetsService {
  private longLived: number[] = [];
  /** subnet → last slot of the duty. */
  private readonly attnetDuties = new Map<number, number>();
  /** subnet → exclusive end epoch. */
  private readonly syncnetDuties = new Map<number, number>();
  private readonly active: Record<SubnetKind, Set<number>> = {attnet: new Set(), syncnet: new Set()};
  private currentSlot = 0;

  constructor(private readonly opts: SubnetsServiceOptions) {}

  /** Call on every slot (and once at start): recomputes long-lived subnets and drops expired duties. */
  onSlot(slot: number): void {
    this.currentSlot = slot;
    const epoch = Math.floor(slot / SLOTS_PER_EPOCH);
    this.longLived = this.opts.subscribeAllSubnets
      ? Array.from({length: ATTESTATION_SUBNET_COUNT}, (_, i) => i)
      : computeSubscribedSubnets(this.opts.config, this.opts.nodeId, epoch);
    for (const [subnet, last] of this.attnetDuties) if (last < slot) this.attnetDuties.delete(subnet);
    for (const [subnet, until] of this.syncnetDuties) if (until <= epoch) this.syncnetDuties.delete(subnet);
    this.reconcile();
  }

  addAttnetDuties(duties: AttnetDuty[]): void {
    for (const d of duties) {
      if (!d.isAggregator || d.slot < this.currentSlot) continue;
      if (!Number.isInteger(d.subnet) || d.subnet < 0 || d.subnet >= ATTESTATION_SUBNET_COUNT) continue;
      this.attnetDuties.set(d.subnet, Math.max(d.slot, this.attnetDuties.get(d.subnet) ?? 0));
    }
    this.reconcile();
  }

  addSyncnetDuties(duties: SyncnetDuty[]): void {
    const epoch = Math.floor(this.currentSlot / SLOTS_PER_EPOCH);
    for (const d of duties) {
      if (d.untilEpoch <= epoch) continue;
      if (!Number.isInteger(d.subnet) || d.subnet < 0 || d.subnet >= SYNC_COMMITTEE_SUBNET_COUNT) continue;
      this.syncnetDuties.set(d.subnet, Math.max(d.untilEpoch, this.syncnetDuties.get(d.subnet) ?? 0));
    }
    this.reconcile();
  }

  getLongLivedSubnets(): number[] {
    return [...this.longLived];
  }

  getActiveSubnets(kind: SubnetKind): number[] {
    return [...this.active[kind]].sort((a, b) => a - b);
  }

  /** Subscribes what became wanted, unsubscribes what no longer is, and updates the metadata. */
  private reconcile(): void {
    const wantAttnets = new Set([...this.longLived, ...this.attnetDuties.keys()]);
    const wantSyncnets = new Set(this.syncnetDuties.keys());
    this.apply("attnet", wantAttnets);
    this.apply("syncnet", wantSyncnets);
    // MetaData/ENR advertise the persistent attnets only (phase0 p2p-interface.md "MetaData").
    this.opts.metadata.setAttnets(this.longLived);
    this.opts.metadata.setSyncnets(wantSyncnets);
  }

  private apply(kind: SubnetKind, want: Set<number>): void {
    const have = this.active[kind];
    for (const s of [...have]) {
      if (!want.has(s)) {
        have.delete(s);
        this.opts.onUnsubscribe(kind, s);
      }
    }
    for (const s of want) {
      if (!have.has(s)) {
        have.add(s);
        this.opts.onSubscribe(kind, s);
      }
    }
  }
}
