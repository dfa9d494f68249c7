// Fork choice at mainnet scale: a tree of 1,000 blocks, 1,000,000 validators' latest votes, then
// 10,000 new attestations. One JSON line per case: {"name", "ms", "ops_per_s"}.
import {ACTIVE_PRESET, SLOTS_PER_EPOCH} from "@hearth/params";
import {getNetworkConfig} from "@hearth/config";
import {setFlagsFromString} from "node:v8";
import {runInNewContext} from "node:vm";
import {ExecutionStatus, ForkChoice, type ProtoBlock, type RootHex} from "../src/index.js";

const VALIDATORS = 1_000_000;
const BLOCKS = 1_000;
const NEW_VOTES = 10_000;
const config = getNetworkConfig(ACTIVE_PRESET === "minimal" ? "minimal" : "mainnet");
const slotSeconds = config.SLOT_DURATION_MS / 1000;

const root = (n: number): RootHex => "0x" + n.toString(16).padStart(64, "0");
const genesisCp = {epoch: 0, root: root(0xfffff)};

function report(name: string, ms: number, ops: number): void {
  console.log(JSON.stringify({name, ms: Number(ms.toFixed(3)), ops_per_s: Math.round((ops * 1000) / ms)}));
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function protoBlock(slot: number, blockRoot: RootHex, parentRoot: RootHex): ProtoBlock {
  return {
    slot,
    blockRoot,
    parentRoot,
    stateRoot: blockRoot,
    proposerIndex: slot % VALIDATORS,
    justified: genesisCp,
    finalized: genesisCp,
    unrealizedJustified: genesisCp,
    unrealizedFinalized: genesisCp,
    executionStatus: ExecutionStatus.Syncing,
    executionPayloadBlockHash: blockRoot,
  };
}

interface Vote {
  data: {slot: number; beaconBlockRoot: RootHex; target: {epoch: number; root: RootHex}};
  indices: number[];
}

/** The blocks: a main chain that skips every 10th slot, and at each skipped slot a fork block off it. */
function buildBlocks(): ProtoBlock[] {
  const blocks: ProtoBlock[] = [];
  let mainTip = genesisCp.root;
  for (let slot = 1; slot <= BLOCKS; slot++) {
    if (slot % 10 === 0) {
      blocks.push(protoBlock(slot, root(0x100000 + slot), mainTip));
    } else {
      blocks.push(protoBlock(slot, root(slot), mainTip));
      mainTip = root(slot);
    }
  }
  return blocks;
}

/** Attestations of validators [first, first + count) in `epoch` at `attSlot`, to that epoch's blocks in turn. */
function votes(fc: ForkChoice, blocks: ProtoBlock[], epoch: number, attSlot: number, first: number, count: number, perAttestation: number): Vote[] {
  const targets = blocks.filter((b) => Math.floor(b.slot / SLOTS_PER_EPOCH) === epoch);
  const out: Vote[] = [];
  for (let v = first, k = 0; v < first + count; v += perAttestation, k++) {
    const b = targets[k % targets.length];
    const target = {epoch, root: fc.getCheckpointBlock(b.blockRoot, epoch) as RootHex};
    const indices = Array.from({length: Math.min(perAttestation, first + count - v)}, (_, i) => v + i);
    out.push({data: {slot: attSlot, beaconBlockRoot: b.blockRoot, target}, indices});
  }
  return out;
}

/** Runs the scenario on a fresh store; `print` reports each case. */
function run(print: boolean): void {
  const out = print ? report : () => undefined;
  const collect = (): void => gc?.();
  const balances = new Uint16Array(VALIDATORS).fill(32);
  const justifiedBalances = {balances, totalActiveBalanceIncrements: VALIDATORS * 32, effectiveBalanceIncrements: balances};
  const fc = new ForkChoice(
    config,
    {
      genesisTime: 0,
      stateSlot: 0,
      block: {
        slot: 0,
        blockRoot: genesisCp.root,
        parentRoot: root(0),
        stateRoot: genesisCp.root,
        proposerIndex: 0,
        executionStatus: ExecutionStatus.Valid,
        executionPayloadBlockHash: root(0xeeeee),
      },
      balances: justifiedBalances,
    },
    {getJustifiedBalances: () => justifiedBalances, validatorCount: VALIDATORS}
  );
  const blocks = buildBlocks();
  fc.onTick((BLOCKS + 1) * slotSeconds);
  collect();
  out(`onBlock x${BLOCKS}`, time(() => blocks.forEach((b) => fc.onBlock(b))), BLOCKS);

  // Round 1: every validator attests in the previous epoch; round 2: 10,000 of them in the current one.
  const currentEpoch = Math.floor(BLOCKS / SLOTS_PER_EPOCH);
  const round1 = votes(fc, blocks, currentEpoch - 1, currentEpoch * SLOTS_PER_EPOCH - 1, 0, VALIDATORS, 1000);
  const round2 = votes(fc, blocks, currentEpoch, BLOCKS, 0, NEW_VOTES, 1);
  const apply = (vs: Vote[]) => () => {
    for (const v of vs) fc.onAttestation(v.data, v.indices);
  };
  let head = "";
  collect();
  out(`onAttestation ${VALIDATORS} votes (1000 aggregates)`, time(apply(round1)), VALIDATORS);
  collect();
  out(`getHead after ${VALIDATORS} votes`, time(() => (head = fc.getHead().blockRoot)), 1);
  collect();
  out(`onAttestation ${NEW_VOTES} votes (${NEW_VOTES} attestations)`, time(apply(round2)), NEW_VOTES);
  collect();
  out(`getHead after ${NEW_VOTES} new votes`, time(() => (head = fc.getHead().blockRoot)), 1);
  out("getHead, nothing changed", time(() => (head = fc.getHead().blockRoot)), 1);
  if (!fc.hasBlock(head)) throw new Error("head not in the tree");
}

// A collection between cases keeps one case's garbage out of the next one's time.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as (() => void) | undefined;
// The first run warms the JIT up, as a running node is; the second one is measured.
run(false);
run(true);
