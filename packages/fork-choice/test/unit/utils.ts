// Builders for the unit tests: roots from numbers, blocks with default checkpoints, a store on a
// genesis anchor with equal balances, and a literal (slow) reading of the spec's get_head to compare with.
import {ACTIVE_PRESET, EFFECTIVE_BALANCE_INCREMENT, SLOTS_PER_EPOCH} from "@hearth/params";
import {getNetworkConfig, type ChainConfig} from "@hearth/config";
import {
  ExecutionStatus,
  ForkChoice,
  calculateCommitteeFraction,
  type Checkpoint,
  type JustifiedBalances,
  type ProtoBlock,
  type RootHex,
  type ForkChoiceError,
} from "../../src/index.js";

export const config: ChainConfig = getNetworkConfig(ACTIVE_PRESET === "minimal" ? "minimal" : "mainnet");
export const SLOT_SECONDS = config.SLOT_DURATION_MS / 1000;

export function root(n: number): RootHex {
  return "0x" + n.toString(16).padStart(64, "0");
}

export const GENESIS_ROOT = root(0xaa);
export const GENESIS_CP: Checkpoint = {epoch: 0, root: GENESIS_ROOT};

export function balancesOf(count: number, increments = 32): JustifiedBalances {
  const balances = new Uint16Array(count).fill(increments);
  return {balances, totalActiveBalanceIncrements: count * increments, effectiveBalanceIncrements: balances.slice()};
}

export interface BlockOpts {
  justified?: Checkpoint;
  finalized?: Checkpoint;
  unrealizedJustified?: Checkpoint;
  unrealizedFinalized?: Checkpoint;
  status?: ExecutionStatus;
  hash?: RootHex | null;
  proposer?: number;
}

export function block(slot: number, blockRoot: RootHex, parentRoot: RootHex, opts: BlockOpts = {}): ProtoBlock {
  const justified = opts.justified ?? GENESIS_CP;
  const finalized = opts.finalized ?? GENESIS_CP;
  return {
    slot,
    blockRoot,
    parentRoot,
    stateRoot: blockRoot,
    proposerIndex: opts.proposer ?? slot,
    justified,
    finalized,
    unrealizedJustified: opts.unrealizedJustified ?? justified,
    unrealizedFinalized: opts.unrealizedFinalized ?? finalized,
    executionStatus: opts.status ?? ExecutionStatus.PreMerge,
    executionPayloadBlockHash: opts.hash ?? null,
  };
}

export interface StoreOpts {
  validators?: number;
  increments?: number;
  getBalances?: (cp: Checkpoint) => JustifiedBalances;
  anchorStatus?: ExecutionStatus;
}

/** A store on a genesis anchor at time 0, with `validators` (64) of `increments` (32) each. */
export function genesisStore(opts: StoreOpts = {}): ForkChoice {
  const balances = balancesOf(opts.validators ?? 64, opts.increments ?? 32);
  const anchorStatus = opts.anchorStatus ?? ExecutionStatus.PreMerge;
  return new ForkChoice(
    config,
    {
      genesisTime: 0,
      stateSlot: 0,
      block: {
        slot: 0,
        blockRoot: GENESIS_ROOT,
        parentRoot: root(0),
        stateRoot: GENESIS_ROOT,
        proposerIndex: 0,
        executionStatus: anchorStatus,
        executionPayloadBlockHash: anchorStatus === ExecutionStatus.PreMerge ? null : root(0x1000),
      },
      balances,
    },
    {getJustifiedBalances: opts.getBalances ?? (() => balances)}
  );
}

/** Ticks to the start of `slot` plus `offsetSeconds`. */
export function tickToSlot(fc: ForkChoice, slot: number, offsetSeconds = 0): void {
  fc.onTick(slot * SLOT_SECONDS + offsetSeconds);
}

/** Votes of `indices` for `blockRoot` in the block's epoch (from a block, so no time checks). */
export function vote(fc: ForkChoice, blockRoot: RootHex, indices: number[], slot?: number): void {
  const node = fc.getBlock(blockRoot);
  if (node === undefined) throw new Error(`unknown ${blockRoot}`);
  const attSlot = slot ?? node.slot;
  const epoch = Math.floor(attSlot / SLOTS_PER_EPOCH);
  const target = fc.getCheckpointBlock(blockRoot, epoch) as RootHex;
  fc.onAttestation({slot: attSlot, beaconBlockRoot: blockRoot, target: {epoch, root: target}}, indices, true);
}

/** The literal spec: filter_block_tree, get_weight by walking every vote, get_head's max over (weight, root). */
export function specHead(
  fc: ForkChoice,
  blocks: ProtoBlock[],
  latest: Map<number, RootHex>,
  balances: JustifiedBalances
): RootHex {
  const byRoot = new Map(blocks.map((b) => [b.blockRoot, b]));
  const children = (r: RootHex): ProtoBlock[] => blocks.filter((b) => b.parentRoot === r && b.blockRoot !== r);
  const ancestorAt = (r: RootHex, slot: number): RootHex | undefined => {
    let b = byRoot.get(r);
    while (b !== undefined && b.slot > slot) b = byRoot.get(b.parentRoot);
    return b?.blockRoot;
  };
  const isAncestor = (r: RootHex, anc: RootHex): boolean => ancestorAt(r, (byRoot.get(anc) as ProtoBlock).slot) === anc;
  const currentEpoch = fc.currentEpoch;
  const justified = fc.justifiedCheckpoint;
  const finalized = fc.finalizedCheckpoint;
  const boostGwei = calculateCommitteeFraction(balances.totalActiveBalanceIncrements, config.PROPOSER_SCORE_BOOST);
  const weight = (r: RootHex): bigint => {
    let w = 0n;
    for (const [v, target] of latest) {
      if (fc.equivocatingIndices.has(v) || !byRoot.has(target)) continue;
      if (isAncestor(target, r)) w += BigInt(balances.balances[v] ?? 0) * BigInt(EFFECTIVE_BALANCE_INCREMENT);
    }
    if (fc.proposerBoostRoot !== null && byRoot.has(fc.proposerBoostRoot) && isAncestor(fc.proposerBoostRoot, r)) w += boostGwei;
    return w;
  };
  const viable = new Set<RootHex>();
  const filter = (r: RootHex): boolean => {
    const kids = children(r);
    if (kids.length > 0) {
      const results = kids.map((k) => filter(k.blockRoot));
      if (results.some((x) => x)) {
        viable.add(r);
        return true;
      }
      return false;
    }
    const b = byRoot.get(r) as ProtoBlock;
    const source = currentEpoch > Math.floor(b.slot / SLOTS_PER_EPOCH) ? b.unrealizedJustified : b.justified;
    const correctJustified = justified.epoch === 0 || source.epoch === justified.epoch || source.epoch + 2 >= currentEpoch;
    const correctFinalized = finalized.epoch === 0 || ancestorAt(r, finalized.epoch * SLOTS_PER_EPOCH) === finalized.root;
    if (correctJustified && correctFinalized) {
      viable.add(r);
      return true;
    }
    return false;
  };
  filter(justified.root);
  let head = justified.root;
  for (;;) {
    const kids = children(head).filter((k) => viable.has(k.blockRoot));
    if (kids.length === 0) return head;
    let best = kids[0];
    let bestWeight = weight(best.blockRoot);
    for (const k of kids.slice(1)) {
      const w = weight(k.blockRoot);
      if (w > bestWeight || (w === bestWeight && k.blockRoot > best.blockRoot)) {
        best = k;
        bestWeight = w;
      }
    }
    head = best.blockRoot;
  }
}

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The code of the ForkChoiceError `fn` throws, or "no error". */
export function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as ForkChoiceError).code;
  }
  return "no error";
}
