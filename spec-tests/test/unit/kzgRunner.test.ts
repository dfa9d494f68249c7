// The kzg runner before the general kzg vectors arrive in ../shared: cases written here in their
// format (data.yaml with input and output, null output for a rejected input) from c-kzg's own results,
// including ones the runner must fail, so that it is known to tell a pass from a failure.
import {strict as assert} from "node:assert";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {kzg} from "@hearth/beacon-node";
import {kzgRunner} from "../../src/runners/kzg.js";
import type {CaseId} from "../../src/types.js";

const hex = (b: Uint8Array): string => `0x${Buffer.from(b).toString("hex")}`;

/** A blob of canonical field elements: each big-endian element below the BLS modulus. */
function blob(seed: number): Uint8Array {
  const b = new Uint8Array(kzg.BYTES_PER_BLOB);
  for (let i = 0; i < b.length; i++) b[i] = i % 32 === 0 ? 0 : (i * 31 + seed * 17) & 0xff;
  return b;
}

describe("kzg runner (general deneb and fulu formats)", function () {
  this.timeout(60_000);
  let dir: string;
  let n = 0;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-kzg-runner-"))));
  after(() => fs.rmSync(dir, {recursive: true, force: true}));

  /** Writes one case and runs it through the runner's handler; resolves to the failure message, or null. */
  async function run(handler: string, input: Record<string, unknown>, output: unknown): Promise<string | null> {
    const caseDir = path.join(dir, `case_${n++}`);
    fs.mkdirSync(caseDir);
    fs.writeFileSync(path.join(caseDir, "data.yaml"), JSON.stringify({input, output}));
    const id: CaseId = {preset: "general", fork: "deneb", runner: "kzg", handler, suite: "kzg-mainnet", name: path.basename(caseDir), dir: caseDir};
    const fn = kzgRunner.handler(handler, "deneb", "general");
    assert.ok(fn, `${handler} is bound`);
    try {
      await fn(id);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  }

  it("deneb: commitment, blob proof and batch verification pass when right and fail when wrong", async () => {
    const b = blob(1);
    const commitment = kzg.blobToKzgCommitment(b);
    const proof = kzg.computeBlobKzgProof(b, commitment);
    assert.equal(await run("blob_to_kzg_commitment", {blob: hex(b)}, hex(commitment)), null);
    assert.match((await run("blob_to_kzg_commitment", {blob: hex(b)}, hex(proof))) ?? "", /output/);
    // a blob one byte short is an input the function must reject
    assert.equal(await run("blob_to_kzg_commitment", {blob: hex(b.subarray(1))}, null), null);
    assert.match((await run("blob_to_kzg_commitment", {blob: hex(b)}, null)) ?? "", /accepted an input the vector rejects/);
    assert.equal(await run("compute_blob_kzg_proof", {blob: hex(b), commitment: hex(commitment)}, hex(proof)), null);
    assert.equal(await run("verify_blob_kzg_proof", {blob: hex(b), commitment: hex(commitment), proof: hex(proof)}, true), null);
    assert.equal(await run("verify_blob_kzg_proof_batch", {blobs: [hex(b)], commitments: [hex(commitment)], proofs: [hex(proof)]}, true), null);
    assert.match((await run("verify_blob_kzg_proof", {blob: hex(blob(2)), commitment: hex(commitment), proof: hex(proof)}, true)) ?? "", /output/);
  });

  it("deneb: point evaluation (compute_kzg_proof, verify_kzg_proof)", async () => {
    const b = blob(3);
    const commitment = kzg.blobToKzgCommitment(b);
    const z = new Uint8Array(32).fill(2);
    z[0] = 0;
    const {proof, y} = kzg.computeKzgProof(b, z);
    assert.equal(await run("compute_kzg_proof", {blob: hex(b), z: hex(z)}, [hex(proof), hex(y)]), null);
    assert.equal(await run("verify_kzg_proof", {commitment: hex(commitment), z: hex(z), y: hex(y), proof: hex(proof)}, true), null);
    assert.equal(await run("verify_kzg_proof", {commitment: hex(commitment), z: hex(z), y: hex(z), proof: hex(proof)}, false), null);
    // z not a canonical field element: rejected
    assert.equal(await run("compute_kzg_proof", {blob: hex(b), z: hex(new Uint8Array(32).fill(0xff))}, null), null);
  });

  it("fulu: cells, their proofs, batch verification and recovery from half the cells", async () => {
    const b = blob(4);
    const commitment = kzg.blobToKzgCommitment(b);
    const {cells, proofs} = kzg.computeCellsAndKzgProofs(b);
    assert.equal(await run("compute_cells", {blob: hex(b)}, cells.map(hex)), null);
    assert.equal(await run("compute_cells_and_kzg_proofs", {blob: hex(b)}, [cells.map(hex), proofs.map(hex)]), null);
    const idx = [0, 5, 127];
    const verifyInput = {commitments: idx.map(() => hex(commitment)), cell_indices: idx, cells: idx.map((i) => hex(cells[i])), proofs: idx.map((i) => hex(proofs[i]))};
    assert.equal(await run("verify_cell_kzg_proof_batch", verifyInput, true), null);
    assert.equal(await run("verify_cell_kzg_proof_batch", {...verifyInput, cell_indices: [0, 5, 126]}, false), null);
    const half = Array.from({length: kzg.CELLS_PER_EXT_BLOB / 2}, (_, i) => i * 2);
    assert.equal(await run("recover_cells_and_kzg_proofs", {cell_indices: half, cells: half.map((i) => hex(cells[i]))}, [cells.map(hex), proofs.map(hex)]), null);
    // fewer than half the cells cannot be recovered
    assert.equal(await run("recover_cells_and_kzg_proofs", {cell_indices: half.slice(1), cells: half.slice(1).map((i) => hex(cells[i]))}, null), null);
  });
});
