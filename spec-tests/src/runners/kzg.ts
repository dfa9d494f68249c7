// kzg: the general deneb (polynomial commitments) and fulu (cells) KZG vectors, through the node's one
// KZG module. Format of consensus-spec-tests' general/<fork>/kzg/<handler>/<suite>/<case>/data.yaml:
// `input` and `output`, where a null output means the function must reject its input (the spec's
// assertion failures, which c-kzg raises as errors).
import {kzg} from "@hearth/beacon-node";
import type {CaseFn, CaseId, RunnerBinding} from "../types.js";
import {expectBytesEqual, expectEqual} from "../util/assert.js";
import {fromHex, readYaml} from "../util/files.js";

interface Data {
  input: Record<string, unknown>;
  output: unknown;
}

/** One handler: how to call the function on the input, and how to compare what it returns. */
type KzgCall = (input: Record<string, unknown>) => unknown;

const HANDLERS: Record<string, KzgCall> = {
  blob_to_kzg_commitment: (i) => kzg.blobToKzgCommitment(bytes(i, "blob")),
  compute_kzg_proof: (i) => {
    const {proof, y} = kzg.computeKzgProof(bytes(i, "blob"), bytes(i, "z"));
    return [proof, y];
  },
  verify_kzg_proof: (i) => kzg.verifyKzgProof(bytes(i, "commitment"), bytes(i, "z"), bytes(i, "y"), bytes(i, "proof")),
  compute_blob_kzg_proof: (i) => kzg.computeBlobKzgProof(bytes(i, "blob"), bytes(i, "commitment")),
  verify_blob_kzg_proof: (i) => kzg.verifyBlobKzgProof(bytes(i, "blob"), bytes(i, "commitment"), bytes(i, "proof")),
  verify_blob_kzg_proof_batch: (i) => kzg.verifyBlobKzgProofBatch(bytesList(i, "blobs"), bytesList(i, "commitments"), bytesList(i, "proofs")),
  compute_cells: (i) => kzg.computeCells(bytes(i, "blob")),
  compute_cells_and_kzg_proofs: (i) => {
    const {cells, proofs} = kzg.computeCellsAndKzgProofs(bytes(i, "blob"));
    return [cells, proofs];
  },
  verify_cell_kzg_proof_batch: (i) =>
    kzg.verifyCellKzgProofBatch(bytesList(i, "commitments"), numbers(i, "cell_indices"), bytesList(i, "cells"), bytesList(i, "proofs")),
  recover_cells_and_kzg_proofs: (i) => {
    const {cells, proofs} = kzg.recoverCellsAndKzgProofs(numbers(i, "cell_indices"), bytesList(i, "cells"));
    return [cells, proofs];
  },
};

export const kzgRunner: RunnerBinding = {
  handler: (handler) => {
    const call = HANDLERS[handler];
    return call === undefined ? null : runWith(call);
  },
};

function runWith(call: KzgCall): CaseFn {
  return (c: CaseId) => {
    const {input, output} = readYaml<Data>(c.dir, "data");
    if (typeof input !== "object" || input === null) throw new Error("data.yaml has no input mapping");
    let got: unknown;
    try {
      got = call(input);
    } catch (e) {
      // A malformed vector (a missing field, not hex) is our failure, not the function's rejection.
      if (e instanceof VectorError) throw e;
      if (output === null) return;
      throw new Error(`rejected an input the vector accepts: ${(e as Error).message}`);
    }
    if (output === null) throw new Error(`accepted an input the vector rejects (returned ${describe(got)})`);
    expectOutput(got, output, "output");
  };
}

/** Compares a result (bytes, a boolean, or nested lists of bytes) with the vector's output. */
function expectOutput(got: unknown, want: unknown, what: string): void {
  if (typeof want === "boolean") return expectEqual(got, want, what);
  if (typeof want === "string") {
    if (!(got instanceof Uint8Array)) throw new Error(`${what}: expected bytes, got ${describe(got)}`);
    return expectBytesEqual(got, fromHex(want), what);
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(got)) throw new Error(`${what}: expected a list, got ${describe(got)}`);
    expectEqual(got.length, want.length, `${what} length`);
    want.forEach((w, k) => expectOutput(got[k], w, `${what}[${k}]`));
    return;
  }
  throw new VectorError(`${what}: unexpected output of type ${typeof want}`);
}

function describe(v: unknown): string {
  if (v instanceof Uint8Array) return `${v.length} bytes`;
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return String(v);
}

/** The vector itself is not in the expected shape. */
class VectorError extends Error {}

function field(input: Record<string, unknown>, name: string): unknown {
  if (!(name in input)) throw new VectorError(`input has no ${name}`);
  return input[name];
}

function bytes(input: Record<string, unknown>, name: string): Uint8Array {
  const v = field(input, name);
  if (typeof v !== "string") throw new VectorError(`${name}: expected a hex string`);
  return fromHex(v);
}

function bytesList(input: Record<string, unknown>, name: string): Uint8Array[] {
  const v = field(input, name);
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw new VectorError(`${name}: expected a list of hex strings`);
  return v.map((x: string) => fromHex(x));
}

function numbers(input: Record<string, unknown>, name: string): number[] {
  const v = field(input, name);
  if (!Array.isArray(v)) throw new VectorError(`${name}: expected a list of integers`);
  return v.map((x) => Number(x));
}
