// sanity (tests/formats/sanity/): `blocks` applies blocks_<i> with the full state transition, `slots`
// runs process_slots over slots.yaml empty slots. finality and random share the blocks format.
import {sszTypesFor} from "@hearth/types";
import {processSlots, stateTransition, type CachedBeaconState, type SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {Type} from "@chainsafe/ssz";
import type {CaseFn, CaseId, RunnerBinding} from "../types.js";
import {hasFile, readSszSnappy, readYaml, toNumber} from "../util/files.js";
import {caseFork, expectState, hasPost, loadState, verifySignaturesFor} from "../util/state.js";

/** The case's blocks in order: meta.yaml's blocks_count, else every blocks_<i> file there is. */
export function readBlocks(c: CaseId): SignedBeaconBlockAllForks[] {
  const type = sszTypesFor(caseFork(c)).SignedBeaconBlock as unknown as Type<SignedBeaconBlockAllForks>;
  const meta = hasFile(c.dir, "meta.yaml") ? readYaml<{blocks_count?: bigint} | null>(c.dir, "meta") : null;
  const count = meta?.blocks_count !== undefined ? toNumber(meta.blocks_count) : null;
  const blocks: SignedBeaconBlockAllForks[] = [];
  for (let i = 0; count === null ? hasFile(c.dir, `blocks_${i}.ssz_snappy`) : i < count; i++) {
    blocks.push(type.deserialize(readSszSnappy(c.dir, `blocks_${i}`)));
  }
  return blocks;
}

/**
 * The blocks format (sanity/blocks.md): each block through state_transition, signatures checked as
 * bls_setting says. With a post state every block must apply and the result match; without one,
 * some block of the series must be rejected.
 */
export const runBlocksCase: CaseFn = (c) => {
  const blocks = readBlocks(c);
  const verify = verifySignaturesFor(c);
  const opts = {verifySignatures: verify, verifyProposer: verify, verifyStateRoot: true};
  let cs: CachedBeaconState = loadState(c);
  if (!hasPost(c)) {
    for (let i = 0; i < blocks.length; i++) {
      try {
        cs = stateTransition(cs, blocks[i], opts);
      } catch {
        return;
      }
    }
    throw new Error(`expected one of ${blocks.length} block(s) to be rejected (no post state), but all applied`);
  }
  for (let i = 0; i < blocks.length; i++) {
    try {
      cs = stateTransition(cs, blocks[i], opts);
    } catch (e) {
      // Prefix the message in place, so that --verbose still shows where it was thrown.
      if (e instanceof Error) {
        e.message = `block ${i} (slot ${blocks[i].message.slot}): ${e.message}`;
        if (e.stack) e.stack = e.stack.replace(/^.*$/m, `${e.name}: ${e.message}`);
      }
      throw e;
    }
  }
  expectState(cs, c);
};

/** The slots format (sanity/slots.md): process_slots(pre, pre.slot + N). */
const runSlotsCase: CaseFn = (c) => {
  const slots = toNumber(readYaml(c.dir, "slots"));
  const cs = loadState(c);
  processSlots(cs, cs.state.slot + slots);
  expectState(cs, c);
};

export const sanity: RunnerBinding = {
  handler(handler) {
    if (handler === "blocks") return runBlocksCase;
    if (handler === "slots") return runSlotsCase;
    return null;
  },
};
