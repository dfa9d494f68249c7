// compute_merkle_branch_root and is_valid_merkle_branch of phase0 beacon-chain.md.
import {digest2Bytes32} from "@chainsafe/as-sha256";
import {bytesEqual} from "../util/bytes.js";

/** compute_merkle_branch_root */
export function computeMerkleBranchRoot(leaf: Uint8Array, branch: Uint8Array[], depth: number, index: number): Uint8Array {
  let value = leaf;
  for (let i = 0; i < depth; i++) {
    // index // 2**i % 2, without 32-bit bitwise operators: a deposit index can pass 2**31.
    if (Math.floor(index / 2 ** i) % 2) value = digest2Bytes32(branch[i], value);
    else value = digest2Bytes32(value, branch[i]);
  }
  return value;
}

/** is_valid_merkle_branch */
export function isValidMerkleBranch(leaf: Uint8Array, branch: Uint8Array[], depth: number, index: number, root: Uint8Array): boolean {
  if (branch.length !== depth) return false;
  return bytesEqual(computeMerkleBranchRoot(leaf, branch, depth, index), root);
}
