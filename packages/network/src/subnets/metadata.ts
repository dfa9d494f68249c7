// The node's MetaData (phase0 p2p-interface.md "GetMetaData", altair v2, fulu v3): persistent
// attnets, current syncnets and custody group count, with a seq_number that increases whenever any
// of them changes, so peers that ping us know to fetch it again.
import {ATTESTATION_SUBNET_COUNT, SYNC_COMMITTEE_SUBNET_COUNT} from "@hearth/params";
import {BitArray} from "@chainsafe/ssz";
import type {p2p} from "@hearth/types";

export class LocalMetadata {
  private seqNumber = 0;
  private attnets = new Array<boolean>(ATTESTATION_SUBNET_COUNT).fill(false);
  private syncnets = new Array<boolean>(SYNC_COMMITTEE_SUBNET_COUNT).fill(false);
  private custodyGroupCount: number;
  private readonly listeners: (() => void)[] = [];

  constructor(custodyGroupCount: number) {
    this.custodyGroupCount = custodyGroupCount;
  }

  /** Called after every change (the network re-signs the ENR then). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  get seq(): number {
    return this.seqNumber;
  }

  getAttnets(): boolean[] {
    return [...this.attnets];
  }

  getSyncnets(): boolean[] {
    return [...this.syncnets];
  }

  getCustodyGroupCount(): number {
    return this.custodyGroupCount;
  }

  setAttnets(subnets: Iterable<number>): void {
    this.update(() => setBits(this.attnets, subnets));
  }

  setSyncnets(subnets: Iterable<number>): void {
    this.update(() => setBits(this.syncnets, subnets));
  }

  setCustodyGroupCount(count: number): void {
    this.update(() => {
      if (count === this.custodyGroupCount) return false;
      this.custodyGroupCount = count;
      return true;
    });
  }

  /** MetaData v3 (v2 and v1 are its prefixes: req/resp drops the fields an older version lacks). */
  toMetadata(): p2p.MetaDataV3 {
    return {
      seqNumber: this.seqNumber,
      attnets: BitArray.fromBoolArray(this.attnets),
      syncnets: BitArray.fromBoolArray(this.syncnets),
      custodyGroupCount: this.custodyGroupCount,
    };
  }

  private update(apply: () => boolean): void {
    if (!apply()) return;
    this.seqNumber++;
    for (const l of this.listeners) l();
  }
}

/** Sets exactly `subnets` in `bits`; returns whether anything changed. */
function setBits(bits: boolean[], subnets: Iterable<number>): boolean {
  const want = new Set(subnets);
  let changed = false;
  for (let i = 0; i < bits.length; i++) {
    const v = want.has(i);
    if (bits[i] !== v) {
      bits[i] = v;
      changed = true;
    }
  }
  return changed;
}
