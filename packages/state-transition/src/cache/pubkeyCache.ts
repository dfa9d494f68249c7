// The pubkey ↔ index map shared by all states of a chain. Validators are only ever appended, so the
// map grows by syncing from whichever state has more validators.
import {PublicKey} from "@hearth/bls";
import type {BeaconStateAllForks} from "../types.js";
import {bytesEqual} from "../util/bytes.js";

function keyOf(pubkey: Uint8Array): string {
  return Buffer.from(pubkey.buffer, pubkey.byteOffset, pubkey.byteLength).toString("base64");
}

export class PubkeyCache {
  private readonly indexByPubkey = new Map<string, number>();
  private readonly pubkeyBytes: Uint8Array[] = [];
  /** Decoded on first use: decoding a million keys up front would take most of a minute. */
  private readonly decoded: (PublicKey | undefined)[] = [];

  get size(): number {
    return this.pubkeyBytes.length;
  }

  /** Adds the validators that `state` has beyond what the cache holds. */
  syncFromState(state: BeaconStateAllForks): void {
    const count = state.validators.length;
    if (count <= this.pubkeyBytes.length) return;
    const validators = state.validators.getAllReadonlyValues();
    for (let i = this.pubkeyBytes.length; i < count; i++) this.add(i, validators[i].pubkey);
  }

  add(index: number, pubkey: Uint8Array): void {
    if (index < this.pubkeyBytes.length) return;
    if (index !== this.pubkeyBytes.length) throw new Error(`pubkey cache gap: adding ${index} at size ${this.pubkeyBytes.length}`);
    this.pubkeyBytes.push(pubkey);
    this.indexByPubkey.set(keyOf(pubkey), index);
  }

  /**
   * The index of `pubkey` in `state`, or null. The cache is shared by states on competing branches,
   * which may in principle hold different keys at one index, so a hit is confirmed against the state.
   */
  getIndex(state: BeaconStateAllForks, pubkey: Uint8Array): number | null {
    const index = this.indexByPubkey.get(keyOf(pubkey));
    if (index === undefined || index >= state.validators.length) return null;
    return bytesEqual(state.validators.getReadonly(index).pubkey, pubkey) ? index : null;
  }

  /** The decoded public key of validator `index`; throws for an index the cache does not hold. */
  getPubkey(index: number): PublicKey {
    let key = this.decoded[index];
    if (key === undefined) {
      const bytes = this.pubkeyBytes[index];
      if (bytes === undefined) throw new Error(`no pubkey cached for validator ${index}`);
      key = PublicKey.fromBytes(bytes);
      this.decoded[index] = key;
    }
    return key;
  }
}
