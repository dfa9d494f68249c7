import {strict as assert} from "node:assert";
import {digest2Bytes32} from "@chainsafe/as-sha256";
import {integerSquareRoot, isValidMerkleBranch, computeMerkleBranchRoot} from "../../src/index.js";

describe("integer_squareroot", () => {
  it("is exact where Math.sqrt rounds", () => {
    assert.equal(integerSquareRoot(0), 0);
    assert.equal(integerSquareRoot(15), 3);
    assert.equal(integerSquareRoot(16), 4);
    // (2**26 + 1)**2 - 1 is exact in a double, but its float square root rounds up to 2**26 + 1.
    assert.equal(Math.sqrt(4503599761588224), 67108865);
    assert.equal(integerSquareRoot(4503599761588224), 67108864);
    // A mainnet-sized total active balance: 1M validators of 32 ETH in Gwei.
    assert.equal(integerSquareRoot(32e9 * 1_000_000), 178885438);
  });
});

describe("is_valid_merkle_branch", () => {
  const leaves = [1, 2, 3, 4].map((i) => new Uint8Array(32).fill(i));
  const n01 = digest2Bytes32(leaves[0], leaves[1]);
  const n23 = digest2Bytes32(leaves[2], leaves[3]);
  const root = digest2Bytes32(n01, n23);

  it("accepts each leaf with its branch and rejects a wrong index or depth", () => {
    assert.deepEqual(computeMerkleBranchRoot(leaves[2], [leaves[3], n01], 2, 2), root);
    assert.equal(isValidMerkleBranch(leaves[1], [leaves[0], n23], 2, 1, root), true);
    assert.equal(isValidMerkleBranch(leaves[1], [leaves[0], n23], 2, 0, root), false);
    assert.equal(isValidMerkleBranch(leaves[1], [leaves[0], n23], 3, 1, root), false);
  });
});
