// The state-transition benchmark on a synthetic mainnet-sized state (see index.ts for how it starts).
// Cases: state clone, the epoch transition, a full block, and hashTreeRoot after each. Progress goes
// to stderr; stdout carries only the JSON lines.
import {mkdirSync, writeFileSync} from "node:fs";
import path from "node:path";
import {hasher} from "@chainsafe/persistent-merkle-tree";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {electra} from "@hearth/types";
import {cloneCachedState, stateTransition} from "../src/stateTransition.js";
import {processSlots} from "../src/slot/processSlots.js";
import {processBlock} from "../src/block/processBlock.js";
import type {CachedBeaconState} from "../src/types.js";
import {buildSyntheticState, type BenchFork} from "./syntheticState.js";
import {buildSyntheticBlock, type SyntheticBlock} from "./syntheticBlock.js";
import {collectGarbage, printError, printLine, runCase, timeOnce} from "./harness.js";

interface Args {
  fork: BenchFork;
  validators: number;
  dump: string | null;
}

const USAGE = "usage: npm run bench -- [--fork electra|fulu] [--validators N] [--dump DIR]\n" +
  "  --dump DIR  write DIR/state.ssz (the pre-state), DIR/block.ssz (a SignedBeaconBlock valid for it, signatures\n" +
  "              excepted) and DIR/fork.txt, then exit without benchmarking";

function parseArgs(argv: string[]): Args {
  const args: Args = {fork: "fulu", validators: 1_000_000, dump: null};
  for (let i = 0; i < argv.length; i++) {
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value\n${USAGE}`);
      return v;
    };
    switch (argv[i]) {
      case "--fork": {
        const fork = value();
        if (fork !== "electra" && fork !== "fulu") throw new Error(`--fork must be electra or fulu\n${USAGE}`);
        args.fork = fork;
        break;
      }
      case "--validators": args.validators = Number(value()); break;
      case "--dump": args.dump = value(); break;
      default: throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
    }
  }
  if (!Number.isInteger(args.validators) || args.validators < 1_000) throw new Error("--validators must be an integer of at least 1000");
  return args;
}

export async function main(argv: string[]): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 2;
    return;
  }
  const {fork, validators} = args;
  const n = validators.toLocaleString("en-US");
  console.error(`bench: building a ${fork} state with ${n} validators (mainnet preset)…`);

  const {cs: base} = timeOnce(`build synthetic ${fork} state, ${n} validators`, () => buildSyntheticState(fork, validators));
  timeOnce(`hashTreeRoot of the fresh state (everything hashed once), ${n} validators`, () => base.state.hashTreeRoot());
  collectGarbage();
  const memory = process.memoryUsage();
  printLine({name: `heap used after GC, ${n}-validator ${fork} state loaded`, heap_used_mb: mb(memory.heapUsed), rss_mb: mb(memory.rss), hasher: hasher.name});

  let block: SyntheticBlock | null = null;
  try {
    block = buildSyntheticBlock(base);
    if (block.stateRootError) printLine({name: "build block", error: `state_root not computed, the block is not valid: ${block.stateRootError}`});
  } catch (e) {
    printError("build block", e);
  }

  if (args.dump) {
    dump(args.dump, base, block);
    return;
  }

  const blockSlot = base.state.slot + 1;
  const boundary = Math.ceil(blockSlot / SLOTS_PER_EPOCH) * SLOTS_PER_EPOCH;
  runCase({name: `state clone (cloneCachedState), ${n} validators`, runs: 1000, prepare: () => null, fn: () => cloneCachedState(base)});

  // The epoch transition: from the last slot of the epoch across the boundary, caches rebuilt included.
  const beforeBoundary = advanced(base, boundary - 1, "epoch cases");
  if (beforeBoundary) {
    runCase({
      name: `epoch transition: processSlots across an epoch boundary, ${n} validators`,
      runs: 5,
      gcEachRun: true,
      prepare: () => cloneCachedState(beforeBoundary),
      fn: (c) => processSlots(c, boundary),
    });
    runCase({
      name: `hashTreeRoot after an epoch transition, ${n} validators`,
      runs: 5,
      gcEachRun: true,
      prepare: () => {
        const c = cloneCachedState(beforeBoundary);
        processSlots(c, boundary);
        return c;
      },
      fn: (c) => c.state.hashTreeRoot(),
    });
  }

  if (block) {
    const {signedBlock, attestationCount, attesterCount} = block;
    const what =
      `full ${fork} block: ${attestationCount} attestations (MAX_ATTESTATIONS_ELECTRA = 8 per block since electra; together every ` +
      `committee of the previous slot, ${attesterCount} attesters), full sync aggregate, ${signedBlock.message.body.executionPayload.withdrawals.length} withdrawals, ` +
      `200 transactions, ${signedBlock.message.body.blobKzgCommitments.length} blobs; signatures off`;
    const atBlockSlot = advanced(base, blockSlot, "block cases");
    if (atBlockSlot) {
      runCase({
        name: `processBlock, ${what}`,
        runs: 20,
        prepare: () => cloneCachedState(atBlockSlot),
        fn: (c) => processBlock(c, signedBlock.message, {verifySignatures: false}),
      });
      runCase({
        name: `hashTreeRoot after a block, ${n} validators`,
        runs: 20,
        prepare: () => {
          const c = cloneCachedState(atBlockSlot);
          processBlock(c, signedBlock.message, {verifySignatures: false});
          return c;
        },
        fn: (c) => c.state.hashTreeRoot(),
      });
    }
    runCase({
      name: `stateTransition (one slot, the block, state root checked), ${what}`,
      runs: 20,
      prepare: () => null,
      fn: () => stateTransition(base, signedBlock, {verifySignatures: false, verifyProposer: false}),
    });
  }
}

/** A hashed copy of `cs` at `slot`, or null (with an error line) when process_slots fails. */
function advanced(cs: CachedBeaconState, slot: number, what: string): CachedBeaconState | null {
  try {
    const c = cloneCachedState(cs);
    if (slot > c.state.slot) processSlots(c, slot);
    c.state.hashTreeRoot();
    return c;
  } catch (e) {
    printError(`${what}: process_slots to slot ${slot}`, e);
    return null;
  }
}

function dump(dir: string, cs: CachedBeaconState, block: SyntheticBlock | null): void {
  mkdirSync(dir, {recursive: true});
  writeFileSync(path.join(dir, "state.ssz"), cs.state.serialize());
  writeFileSync(path.join(dir, "fork.txt"), `${cs.fork}\n`);
  const written = ["state.ssz", "fork.txt"];
  if (block) {
    writeFileSync(path.join(dir, "block.ssz"), electra.SignedBeaconBlock.serialize(block.signedBlock));
    written.push("block.ssz");
  }
  console.error(`bench: wrote ${written.map((f) => path.join(dir, f)).join(", ")}`);
  if (!block || block.stateRootError) process.exitCode = 1;
}

function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}
