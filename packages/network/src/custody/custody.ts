// fulu das-core.md "Custody": which custody groups a node keeps, and the data columns of a group.
import {createHash} from "node:crypto";
import {NUMBER_OF_COLUMNS, NUMBER_OF_CUSTODY_GROUPS} from "@hearth/params";

const UINT256_MAX = (1n << 256n) - 1n;

function uint256ToBytesLE(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

/** fulu das-core.md get_custody_groups (node_id as a uint256), sorted ascending. */
export function getCustodyGroups(nodeId: bigint, custodyGroupCount: number): number[] {
  if (custodyGroupCount > NUMBER_OF_CUSTODY_GROUPS) throw new Error(`custody group count ${custodyGroupCount} > ${NUMBER_OF_CUSTODY_GROUPS}`);
  if (nodeId < 0n || nodeId > UINT256_MAX) throw new Error("node id is not a uint256");
  if (custodyGroupCount === NUMBER_OF_CUSTODY_GROUPS) return Array.from({length: NUMBER_OF_CUSTODY_GROUPS}, (_, i) => i);
  let currentId = nodeId;
  const groups = new Set<number>();
  while (groups.size < custodyGroupCount) {
    const digest = createHash("sha256").update(uint256ToBytesLE(currentId)).digest();
    groups.add(Number(digest.readBigUInt64LE(0) % BigInt(NUMBER_OF_CUSTODY_GROUPS)));
    // Overflow wraps to 0, as the spec does.
    currentId = currentId === UINT256_MAX ? 0n : currentId + 1n;
  }
  return [...groups].sort((a, b) => a - b);
}

/** fulu das-core.md compute_columns_for_custody_group */
export function computeColumnsForCustodyGroup(custodyGroup: number): number[] {
  if (custodyGroup >= NUMBER_OF_CUSTODY_GROUPS) throw new Error(`custody group ${custodyGroup} >= ${NUMBER_OF_CUSTODY_GROUPS}`);
  const columnsPerGroup = Math.floor(NUMBER_OF_COLUMNS / NUMBER_OF_CUSTODY_GROUPS);
  return Array.from({length: columnsPerGroup}, (_, i) => NUMBER_OF_CUSTODY_GROUPS * i + custodyGroup);
}
