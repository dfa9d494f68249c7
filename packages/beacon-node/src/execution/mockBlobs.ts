// The blobs of the mock engine's payloads: a small pool of blobs with real KZG commitments, blob
// proofs (deneb, electra: BlobsBundleV1) and cell proofs (fulu: BlobsBundleV2). Cell proofs cost about a
// second per blob, so each mock computes its pool once and every payload reuses it (equal blobs in two
// blocks are valid). The pool is drawn from a seed: nodes with different seeds hold different blobs, so
// one node's engine cannot answer engine_getBlobs for another node's block.
import {createHash, randomBytes} from "node:crypto";
import {kzgCommitmentToVersionedHash} from "@hearth/state-transition";
import {BYTES_PER_BLOB, blobToKzgCommitment, computeBlobKzgProof, computeCellsAndKzgProofs} from "../chain/dataAvailability/kzg.js";

const BYTES_PER_FIELD_ELEMENT = 32;

/** A mock blob transaction: the type byte 0x03 and the blob's versioned hash (no RLP; only the mock reads it). */
const MOCK_BLOB_TX_TYPE = 0x03;

export interface MockBlob {
  blob: Uint8Array;
  commitment: Uint8Array;
  versionedHash: Uint8Array;
  /** deneb compute_blob_kzg_proof, on first use. */
  blobProof(): Uint8Array;
  /** fulu: the CELLS_PER_EXT_BLOB cell proofs, on first use. */
  cellProofs(): Uint8Array[];
}

/** Blobs by seed and index, shared by every mock of the process (tests build many chains on one seed). */
const cache = new Map<string, MockBlob>();

/** A deterministic blob whose field elements are canonical (top byte zero, so below the BLS modulus). */
export function mockBlobBytes(seed: string, index: number): Uint8Array {
  const blob = new Uint8Array(BYTES_PER_BLOB);
  let block = createHash("sha256").update(`${seed}/${index}`).digest();
  for (let fe = 0; fe < BYTES_PER_BLOB / BYTES_PER_FIELD_ELEMENT; fe++) {
    block = createHash("sha256").update(block).digest();
    blob.set(block.subarray(0, BYTES_PER_FIELD_ELEMENT - 1), fe * BYTES_PER_FIELD_ELEMENT + 1);
  }
  return blob;
}

export function getMockBlob(seed: string, index: number): MockBlob {
  const key = `${seed}/${index}`;
  let entry = cache.get(key);
  if (entry === undefined) {
    const blob = mockBlobBytes(seed, index);
    const commitment = blobToKzgCommitment(blob);
    let blobProof: Uint8Array | undefined;
    let cellProofs: Uint8Array[] | undefined;
    entry = {
      blob,
      commitment,
      versionedHash: kzgCommitmentToVersionedHash(commitment),
      blobProof: () => (blobProof ??= computeBlobKzgProof(blob, commitment)),
      cellProofs: () => (cellProofs ??= computeCellsAndKzgProofs(blob).proofs),
    };
    cache.set(key, entry);
  }
  return entry;
}

export function randomBlobSeed(): string {
  return randomBytes(8).toString("hex");
}

export function mockBlobTransaction(versionedHash: Uint8Array): Uint8Array {
  const tx = new Uint8Array(1 + versionedHash.length);
  tx[0] = MOCK_BLOB_TX_TYPE;
  tx.set(versionedHash, 1);
  return tx;
}

/** The versioned hashes of a payload's mock blob transactions, in order (engine_newPayloadV3's check). */
export function blobVersionedHashesOf(transactions: Uint8Array[]): Uint8Array[] {
  return transactions.filter((tx) => tx.length === 33 && tx[0] === MOCK_BLOB_TX_TYPE).map((tx) => tx.subarray(1));
}
