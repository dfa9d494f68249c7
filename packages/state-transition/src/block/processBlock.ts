import {ForkSeq} from "@hearth/params";
import type {CachedBeaconState, TransitionOptions} from "../types.js";
import type {BeaconBlockAllForks} from "./types.js";
import {processBlockHeader} from "./processBlockHeader.js";
import {processRandao} from "./processRandao.js";
import {processEth1Data} from "./processEth1Data.js";
import {processOperations} from "./processOperations.js";
import {processSyncAggregate} from "./processSyncAggregate.js";
import {processWithdrawals} from "./processWithdrawals.js";
import {processExecutionPayload, isExecutionEnabled} from "./processExecutionPayload.js";

/** process_block of each fork (phase0 … fulu beacon-chain.md), in the spec's order. */
export function processBlock(cs: CachedBeaconState, block: BeaconBlockAllForks, opts: TransitionOptions = {}): void {
  const seq = ForkSeq[cs.fork];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const body = block.body as any;
  const verifySignatures = opts.verifySignatures ?? true;
  processBlockHeader(cs, block);
  if (seq >= ForkSeq.capella) {
    processWithdrawals(cs, body.executionPayload);
    processExecutionPayload(cs, body, opts);
  } else if (seq >= ForkSeq.bellatrix && isExecutionEnabled(cs, body)) {
    processExecutionPayload(cs, body, opts);
  }
  processRandao(cs, body, verifySignatures);
  processEth1Data(cs, body);
  processOperations(cs, body, opts);
  if (seq >= ForkSeq.altair) processSyncAggregate(cs, body.syncAggregate, verifySignatures);
}
