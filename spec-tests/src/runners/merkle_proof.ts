// merkle_proof (tests/formats/merkle_proof/, light_client/single_merkle_proof.md): the object's
// tree-backed view must yield the vector's leaf and branch at leaf_index, and the branch must verify
// against the object's root with is_valid_merkle_branch.
import {createHash} from "node:crypto";
import {isForkName} from "@hearth/params";
import {sszTypesFor} from "@hearth/types";
import {createProof, ProofType, type SingleProof} from "@chainsafe/persistent-merkle-tree";
import type {CompositeType} from "@chainsafe/ssz";
import type {RunnerBinding} from "../types.js";
import {fromHex, readSszSnappy, readYaml} from "../util/files.js";
import {expectBytesEqual} from "../util/assert.js";
import {withBigintUint64} from "../util/bigintTypes.js";

interface ProofYaml {
  leaf: string;
  leaf_index: bigint;
  branch: string[];
}

export const merkleProof: RunnerBinding = {
  handler(handler, fork) {
    if (handler !== "single_merkle_proof" || !isForkName(fork)) return null;
    return (c) => {
      const nodeType = (sszTypesFor(fork) as unknown as Record<string, unknown>)[c.suite] as CompositeType<unknown, never, never> | undefined;
      if (!nodeType || typeof nodeType !== "object" || !("deserializeToView" in nodeType)) throw new Error(`no SSZ container ${c.suite} at ${fork}`);
      // The random objects hold uint64 values beyond 2**53, which only the bigint form keeps exact.
      const type = withBigintUint64(nodeType);
      const view = type.deserializeToView(readSszSnappy(c.dir, "object")) as unknown as {node: Parameters<typeof createProof>[0]};
      const expected = readYaml<ProofYaml>(c.dir, "proof");
      const gindex = BigInt(expected.leaf_index);
      const branch = expected.branch.map(fromHex);
      const leaf = fromHex(expected.leaf);

      const proof = createProof(view.node, {type: ProofType.single, gindex}) as SingleProof;
      expectBytesEqual(proof.leaf, leaf, `leaf at gindex ${gindex}`);
      if (proof.witnesses.length !== branch.length) throw new Error(`branch length: got ${proof.witnesses.length}, expected ${branch.length}`);
      proof.witnesses.forEach((w, i) => expectBytesEqual(w, branch[i], `branch[${i}]`));

      const root = view.node.root;
      const depth = gindex.toString(2).length - 1;
      const index = Number(gindex - (1n << BigInt(depth)));
      if (!isValidMerkleBranch(leaf, branch, depth, index, root)) throw new Error("is_valid_merkle_branch rejects the vector's branch");
    };
  },
};

/** is_valid_merkle_branch (phase0 beacon-chain.md): the branch lists siblings from the leaf up. */
function isValidMerkleBranch(leaf: Uint8Array, branch: Uint8Array[], depth: number, index: number, root: Uint8Array): boolean {
  if (branch.length !== depth) return false;
  let value = leaf;
  for (let i = 0; i < depth; i++) {
    const right = Math.floor(index / 2 ** i) % 2 === 1;
    value = sha256(right ? branch[i] : value, right ? value : branch[i]);
  }
  return Buffer.from(value).equals(Buffer.from(root));
}

function sha256(a: Uint8Array, b: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(a).update(b).digest());
}
