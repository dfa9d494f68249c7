// The client's keys: a Signer per public key, and each key's validator index once the beacon node
// knows it (a key whose deposit is not yet processed has none and no duties).
import {noopLogger, type HexString, type Logger} from "@hearth/api";
import {toHex} from "@hearth/config";
import type {ValidatorApi} from "../api.js";
import {ValidatorError, ValidatorErrorCode} from "../errors.js";
import type {Signer} from "../signer/signer.js";

interface Entry {
  signer: Signer;
  index: number | null;
}

export class ValidatorStore {
  private readonly byPubkey = new Map<HexString, Entry>();
  private readonly byIndex = new Map<number, Signer>();

  constructor(signers: readonly Signer[]) {
    for (const signer of signers) {
      const key = toHex(signer.pubkey) as HexString;
      if (this.byPubkey.has(key)) throw new ValidatorError(ValidatorErrorCode.UNKNOWN_KEY, {pubkey: key, reason: "given twice"});
      this.byPubkey.set(key, {signer, index: null});
    }
  }

  /** Adds a key at runtime (a keymanager import); false when it is already held. */
  add(signer: Signer): boolean {
    const key = toHex(signer.pubkey) as HexString;
    if (this.byPubkey.has(key)) return false;
    this.byPubkey.set(key, {signer, index: null});
    return true;
  }

  /** Drops a key (a keymanager delete): no duty of it is fetched or run from now on. */
  remove(pubkey: Uint8Array): boolean {
    const key = toHex(pubkey) as HexString;
    const entry = this.byPubkey.get(key);
    if (entry === undefined) return false;
    this.byPubkey.delete(key);
    if (entry.index !== null) this.byIndex.delete(entry.index);
    return true;
  }

  get size(): number {
    return this.byPubkey.size;
  }

  /** The signer of `pubkey`, or null when this client does not hold it. */
  signerOf(pubkey: Uint8Array): Signer | null {
    return this.byPubkey.get(toHex(pubkey) as HexString)?.signer ?? null;
  }

  signerAt(index: number): Signer | null {
    return this.byIndex.get(index) ?? null;
  }

  /** The keys the beacon node knows, with their indices, ascending by index. */
  known(): {index: number; signer: Signer}[] {
    return this.indices().map((index) => ({index, signer: this.byIndex.get(index) as Signer}));
  }

  /** Validator indices of the keys the beacon node knows, ascending. */
  indices(): number[] {
    return [...this.byIndex.keys()].sort((a, b) => a - b);
  }

  private unresolved(): HexString[] {
    return [...this.byPubkey].filter(([, e]) => e.index === null).map(([key]) => key);
  }

  /** Asks the beacon node for the index of every key that has none yet; returns how many were found. */
  async resolveIndices(api: ValidatorApi, signal?: AbortSignal, logger: Logger = noopLogger): Promise<number> {
    const pubkeys = this.unresolved();
    if (pubkeys.length === 0) return 0;
    const res = await api.postStateValidators({stateId: "head", query: {ids: pubkeys}}, {signal});
    let found = 0;
    for (const v of res.data) {
      const entry = this.byPubkey.get(toHex(v.validator.pubkey) as HexString);
      if (entry === undefined || entry.index !== null) continue;
      entry.index = v.index;
      this.byIndex.set(v.index, entry.signer);
      found++;
      logger.debug("Validator index resolved", {pubkey: toHex(v.validator.pubkey), index: v.index, status: v.status});
    }
    if (found > 0) logger.info("Validator indices resolved", {found, unknown: pubkeys.length - found});
    return found;
  }
}
