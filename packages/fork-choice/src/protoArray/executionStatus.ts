// Execution status changes after import (sync/optimistic.md): NOT_VALIDATED → VALID spreads to the
// ancestors, NOT_VALIDATED → INVALIDATED to the descendants, and an INVALID verdict names, through
// latestValidHash, how far back the invalid chain starts.
import {ForkChoiceError, ForkChoiceErrorCode} from "../errors.js";
import {ExecutionStatus, NONE, type RootHex} from "./interface.js";
import type {ProtoArray} from "./protoArray.js";

const ZERO_HASH_HEX = "0x" + "00".repeat(32);

/** An engine verdict on a payload, as fork choice applies it. */
export type PayloadVerdict =
  | {status: ExecutionStatus.Valid; blockRoot: RootHex}
  | {
      status: ExecutionStatus.Invalid;
      /** The engine's latestValidHash: a block hash, the zero hash, or null. */
      latestValidHash: RootHex | null;
      /** The block whose payload was judged, or its parent when that block was rejected and never imported. */
      invalidateFromBlockRoot: RootHex;
      /** True when `invalidateFromBlockRoot` is the parent of the judged (and rejected) block. */
      fromParent: boolean;
    };

/** Applies `verdict`; throws without a change when it contradicts an earlier verdict. */
export function applyPayloadVerdict(protoArray: ProtoArray, verdict: PayloadVerdict): void {
  if (verdict.status === ExecutionStatus.Valid) markValid(protoArray, verdict.blockRoot);
  else markInvalid(protoArray, verdict.latestValidHash, verdict.invalidateFromBlockRoot, verdict.fromParent);
}

/** The block and its NOT_VALIDATED ancestors become VALID. */
function markValid(protoArray: ProtoArray, blockRoot: RootHex): void {
  const nodes = protoArray.nodes;
  const chain: number[] = [];
  const start = indexOf(protoArray, blockRoot);
  for (let i = start; i !== NONE; i = nodes[i].parent) {
    const status = nodes[i].executionStatus;
    if (status === ExecutionStatus.Invalid) {
      throw new ForkChoiceError(ForkChoiceErrorCode.INVALID_EXECUTION_STATUS_TRANSITION, {root: nodes[i].blockRoot, to: "VALID"});
    }
    // the block itself may have been imported VALID; above it, a VALID or pre-merge block ends the walk
    if (status === ExecutionStatus.Syncing) chain.push(i);
    else if (i !== start) break;
  }
  for (const i of chain) nodes[i].executionStatus = ExecutionStatus.Valid;
}

/**
 * "How to apply latestValidHash when payload status is INVALID": the invalid block is the child of
 * the block whose payload hash is latestValidHash (zero hash: the first execution block; null, or a
 * hash not found on the chain: the judged block itself); it and all its descendants are invalidated.
 */
function markInvalid(protoArray: ProtoArray, latestValidHash: RootHex | null, fromRoot: RootHex, fromParent: boolean): void {
  const nodes = protoArray.nodes;
  const start = indexOf(protoArray, fromRoot);
  let roots: number[] = fromParent ? [] : [start];
  let latestValid = NONE;
  if (latestValidHash !== null) {
    const chain: number[] = [];
    const zero = latestValidHash === ZERO_HASH_HEX;
    for (let i = start; i !== NONE; i = nodes[i].parent) {
      const hash = nodes[i].executionPayloadBlockHash;
      if (zero ? hash === null : hash === latestValidHash) {
        latestValid = i;
        roots = chain;
        break;
      }
      chain.push(i);
    }
  }
  if (roots.length === 0) return;

  // All descendants of the invalid roots, found in one forward pass since parents come first.
  protoArray.applyChanges();
  const first = Math.min(...roots);
  const invalid = new Uint8Array(nodes.length);
  for (const i of roots) invalid[i] = 1;
  for (let i = first + 1; i < nodes.length; i++) {
    const parent = nodes[i].parent;
    if (parent !== NONE && invalid[parent] === 1) invalid[i] = 1;
  }
  for (let i = first; i < nodes.length; i++) {
    if (invalid[i] === 1 && nodes[i].executionStatus === ExecutionStatus.Valid) {
      throw new ForkChoiceError(ForkChoiceErrorCode.INVALID_EXECUTION_STATUS_TRANSITION, {root: nodes[i].blockRoot, to: "INVALID"});
    }
  }
  if (latestValid !== NONE && nodes[latestValid].executionStatus === ExecutionStatus.Syncing) {
    markValid(protoArray, nodes[latestValid].blockRoot);
  }
  for (let i = first; i < nodes.length; i++) {
    if (invalid[i] === 1 && nodes[i].executionStatus !== ExecutionStatus.Invalid) {
      nodes[i].executionStatus = ExecutionStatus.Invalid;
      invalid[i] = 2;
    }
  }
  // Take each newly invalid subtree's weight off the valid ancestors; deltas stop at invalid nodes from now on.
  for (let i = first; i < nodes.length; i++) {
    const parent = nodes[i].parent;
    if (invalid[i] === 2 && parent !== NONE && nodes[parent].executionStatus !== ExecutionStatus.Invalid) {
      protoArray.addWeight(parent, -nodes[i].weight);
    }
  }
  protoArray.requireFullPass();
}

function indexOf(protoArray: ProtoArray, root: RootHex): number {
  const index = protoArray.getIndex(root);
  if (index === undefined) throw new ForkChoiceError(ForkChoiceErrorCode.UNKNOWN_BLOCK, {root});
  return index;
}
