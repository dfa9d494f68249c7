// The execution payloads (and blob bundles) of the blocks this node built lately, by block hash.
// Without a builder, a blinded block published back to the node can only be unblinded from here.
import {toHex} from "@hearth/config";

export interface ProducedPayload {
  payload: {blockHash: Uint8Array} & Record<string, unknown>;
  blobsBundle?: {commitments: Uint8Array[]; proofs: Uint8Array[]; blobs: Uint8Array[]};
}

/** A bounded map: the oldest entry goes when a new one would pass `limit`. */
export class ProducedPayloadCache {
  private readonly entries = new Map<string, ProducedPayload>();
  constructor(private readonly limit = 32) {}

  add(entry: ProducedPayload): void {
    const key = toHex(entry.payload.blockHash);
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }

  get(blockHashHex: string): ProducedPayload | undefined {
    return this.entries.get(blockHashHex.toLowerCase());
  }
}
