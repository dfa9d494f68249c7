// Run by chain.test.ts in a child process with HEARTH_PRESET=minimal (the preset sizes the SSZ types
// at import): a dev chain per fork, a block every slot with full attestation and sync participation,
// bad blocks offered in between, operations through the pools, and a restart from the DB. Prints one
// JSON report for the test to assert on.
import {SLOTS_PER_EPOCH, ForkSeq, type ForkName} from "@hearth/params";
import {phase0, capella, sszTypesFor} from "@hearth/types";
import type {Type, ValueOf} from "@chainsafe/ssz";
import {computeSigningRoot, toHex} from "@hearth/config";
import {DOMAIN_BEACON_PROPOSER, DOMAIN_BLS_TO_EXECUTION_CHANGE, DOMAIN_VOLUNTARY_EXIT} from "@hearth/params";
import {computeDomain} from "@hearth/config";
import {BlockError, ChainEvent, computeBlockRoot} from "../../../src/chain/index.js";
import {DevHarness} from "./harness.js";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";

export interface ForkReport {
  /** Slots run (1 .. 6 epochs). */
  slots: number;
  /** Blocks imported by the run (every slot but the skipped ones). */
  blocksImported: number;
  /** Slots left empty because their proposer was slashed. */
  skippedSlots: number[];
  /** Slots whose block did not become the head right after import. */
  headMissed: number[];
  justifiedEpoch: number;
  finalizedEpoch: number;
  /** The first slot at which the finalized epoch was > 0. */
  firstFinalizedSlot: number | null;
  attestationsIncluded: number;
  syncBitsMax: number;
  slotsPerEpoch: number;
  /** Error code of each bad block, and whether the chain stayed as it was. */
  rejected: Record<string, {code: string | null; headUnchanged: boolean; statesUnchanged: boolean; notInDb: boolean}>;
  events: Record<string, number>;
  /** Sizes after the run: they must not grow with the chain's length. */
  sizes: {forkChoiceNodes: number; blockStates: number; checkpointStates: number; attestationPool: number; hotBlocks: number};
  archivedFinalizedBlock: boolean;
  reorg?: {xWasHead: boolean; yIsHead: boolean; orphanRoot: string; orphanGoneAfterFinality: boolean};
  resumed: {headMatches: boolean; finalizedMatches: boolean; nextBlockImported: boolean};
  queries: {archivedSlot: boolean; hotSlot: boolean; skippedSlotEmpty: boolean; stateAtSlot: boolean; aggregate: boolean};
  /** A hot block's state rebuilt from the DB's checkpoint states and blocks, memory caches emptied. */
  regenFromDb: boolean;
  ops: {exitIncluded: boolean; validatorExiting: boolean; proposerSlashingIncluded: boolean; proposerSlashed: boolean; blsChangeIncluded: boolean; credentialsChanged: boolean};
  error?: string;
}

const VALIDATORS = 64;
const EPOCHS = 6;

async function expectRejected(
  h: DevHarness,
  name: string,
  report: ForkReport,
  signed: SignedBeaconBlockAllForks
): Promise<void> {
  const headBefore = h.chain.head.node.blockRoot;
  const statesBefore = h.chain.blockStates.size;
  let code: string | null = null;
  try {
    await h.chain.processBlock(signed, {source: "api"});
  } catch (e) {
    code = e instanceof BlockError ? e.code : `not a BlockError: ${String(e)}`;
  }
  const blockRoot = computeBlockRoot(h.chain, signed.message);
  report.rejected[name] = {
    code,
    headUnchanged: h.chain.head.node.blockRoot === headBefore,
    statesUnchanged: h.chain.blockStates.size === statesBefore && !h.chain.forkChoice.hasBlock(toHex(blockRoot)),
    notInDb: (await h.db.getBlock(blockRoot)) === null,
  };
}

async function runFork(fork: ForkName): Promise<ForkReport> {
  const report: ForkReport = {
    slots: 0,
    blocksImported: 0,
    skippedSlots: [],
    headMissed: [],
    justifiedEpoch: 0,
    finalizedEpoch: 0,
    firstFinalizedSlot: null,
    attestationsIncluded: 0,
    syncBitsMax: 0,
    slotsPerEpoch: SLOTS_PER_EPOCH,
    rejected: {},
    events: {},
    sizes: {forkChoiceNodes: 0, blockStates: 0, checkpointStates: 0, attestationPool: 0, hotBlocks: 0},
    archivedFinalizedBlock: false,
    regenFromDb: false,
    queries: {archivedSlot: false, hotSlot: false, skippedSlotEmpty: true, stateAtSlot: false, aggregate: false},
    resumed: {headMatches: false, finalizedMatches: false, nextBlockImported: false},
    ops: {exitIncluded: false, validatorExiting: false, proposerSlashingIncluded: false, proposerSlashed: false, blsChangeIncluded: false, credentialsChanged: false},
  };
  // Exits need SHARD_COMMITTEE_PERIOD epochs of activity: none here, so an exit can be tested early.
  const h = await DevHarness.create({fork, validatorCount: VALIDATORS, configOverrides: {SHARD_COMMITTEE_PERIOD: 0}, maxBlockStates: 16});
  for (const event of [ChainEvent.head, ChainEvent.block, ChainEvent.finalizedCheckpoint, ChainEvent.justifiedCheckpoint, ChainEvent.chainReorg]) {
    report.events[event] = 0;
    h.chain.emitter.on(event, () => report.events[event]++);
  }

  const lastSlot = EPOCHS * SLOTS_PER_EPOCH;
  let reorgBlock: SignedBeaconBlockAllForks | null = null;
  for (let slot = 1; slot <= lastSlot; slot++) {
    if (slot === 3) await badBlocks(h, report, slot);
    if (slot === SLOTS_PER_EPOCH + 2) submitOps(h);
    if (slot === REORG_SLOT) {
      reorgBlock = await reorg(h, report, slot);
      await h.attest(slot);
      continue;
    }
    h.setSlot(slot);
    // A slashed proposer cannot propose (process_block_header): its slot stays empty.
    const proposer = (await h.chain.getProposerDuties(Math.floor(slot / SLOTS_PER_EPOCH))).duties.find((d) => d.slot === slot);
    if (proposer !== undefined && h.chain.head.state.state.validators.getReadonly(proposer.validatorIndex).slashed) {
      report.skippedSlots.push(slot);
      await h.attest(slot);
      continue;
    }
    const signed = slot === REORG_SLOT + 1 && reorgBlock !== null ? reorgBlock : await h.proposeAndImport(slot);
    const body = signed.message.body as unknown as {attestations: unknown[]; voluntaryExits: unknown[]; proposerSlashings: unknown[]; blsToExecutionChanges?: unknown[]; syncAggregate?: {syncCommitteeBits: {getTrueBitIndexes(): number[]}}};
    report.attestationsIncluded += body.attestations.length;
    if (body.voluntaryExits.length > 0) report.ops.exitIncluded = true;
    if (body.proposerSlashings.length > 0) report.ops.proposerSlashingIncluded = true;
    if ((body.blsToExecutionChanges?.length ?? 0) > 0) report.ops.blsChangeIncluded = true;
    if (body.syncAggregate) report.syncBitsMax = Math.max(report.syncBitsMax, body.syncAggregate.syncCommitteeBits.getTrueBitIndexes().length);
    report.blocksImported += slot === REORG_SLOT + 1 ? 2 : 1;
    if (h.chain.head.node.slot !== slot) report.headMissed.push(slot);
    await h.attest(slot);
    await h.syncSign(slot);
    if (report.firstFinalizedSlot === null && h.chain.forkChoice.finalizedCheckpoint.epoch > 0) report.firstFinalizedSlot = slot;
  }
  report.slots = lastSlot;
  const fc = h.chain.forkChoice;
  const headState = h.chain.head.state.state;
  report.justifiedEpoch = fc.justifiedCheckpoint.epoch;
  report.finalizedEpoch = fc.finalizedCheckpoint.epoch;
  report.ops.validatorExiting = headState.validators.getReadonly(EXIT_INDEX).exitEpoch !== Infinity;
  report.ops.proposerSlashed = slashedIndex !== null && headState.validators.getReadonly(slashedIndex).slashed;
  report.ops.credentialsChanged = headState.validators.getReadonly(BLS_CHANGE_INDEX).withdrawalCredentials[0] === 1;
  report.sizes = {
    forkChoiceNodes: fc.protoArray.nodes.length,
    blockStates: h.chain.blockStates.size,
    checkpointStates: h.chain.checkpointStates.size,
    attestationPool: h.chain.attestationPool.size,
    hotBlocks: (await h.db.getHotBlocks()).length,
  };
  const finalizedSlot = fc.getBlock(fc.finalizedCheckpoint.root)?.slot ?? -1;
  report.archivedFinalizedBlock = (await h.db.getArchivedBlock(finalizedSlot)) !== null;
  if (report.reorg) {
    const orphan = Buffer.from(report.reorg.orphanRoot.slice(2), "hex");
    report.reorg.orphanGoneAfterFinality = !fc.hasBlock(report.reorg.orphanRoot) && (await h.db.getBlock(orphan)) === null;
  }

  const chain = h.chain;
  const archived = await chain.getCanonicalBlockAtSlot(2);
  report.queries.archivedSlot = archived !== null && archived.block.message.slot === 2 && archived.finalized && archived.canonical;
  const headSlot = chain.head.node.slot;
  const parentSlot = chain.forkChoice.getBlock(chain.head.node.parentRoot)?.slot ?? -1;
  const hot = await chain.getCanonicalBlockAtSlot(parentSlot);
  report.queries.hotSlot = hot !== null && hot.block.message.slot === parentSlot && hot.root === chain.head.node.parentRoot && !hot.finalized;
  for (const skipped of [REORG_SLOT, ...report.skippedSlots]) {
    if ((await chain.getCanonicalBlockAtSlot(skipped)) !== null) report.queries.skippedSlotEmpty = false;
  }
  const stateAt = await chain.getStateAtSlot(headSlot - 2);
  report.queries.stateAtSlot = stateAt !== null && stateAt.state.state.slot === headSlot - 2;
  const data = await chain.getAttestationData(headSlot, 0);
  const aggregate = chain.getAggregate(headSlot, toHex(phase0.AttestationData.hashTreeRoot(data)), 0);
  report.queries.aggregate = aggregate !== null && aggregate.aggregationBits.getTrueBitIndexes().length === aggregate.aggregationBits.bitLen;

  // Empty the caches but for the head: the state of a block 3 back must come from the DB and a replay.
  const ancestorRoot = chain.forkChoice.getAncestor(chain.head.node.blockRoot, headSlot - 3);
  chain.blockStates.prune(() => false);
  chain.checkpointStates.pruneBelow(Infinity);
  if (ancestorRoot !== null) {
    const rebuilt = await chain.getStateByBlockRoot(ancestorRoot);
    report.regenFromDb = rebuilt !== null && toHex(rebuilt.state.state.hashTreeRoot()) === chain.forkChoice.getBlock(ancestorRoot)?.stateRoot;
  }

  // A restart resumes from the DB: same head, same finalized checkpoint, and the chain goes on.
  const headBefore = h.chain.head.node.blockRoot;
  const finalizedBefore = fc.finalizedCheckpoint;
  const resumed = await h.restart();
  report.resumed.headMatches = resumed.head.node.blockRoot === headBefore;
  report.resumed.finalizedMatches =
    resumed.forkChoice.finalizedCheckpoint.epoch === finalizedBefore.epoch && resumed.forkChoice.finalizedCheckpoint.root === finalizedBefore.root;
  let next = lastSlot + 1;
  for (;; next++) {
    const duty = (await resumed.getProposerDuties(Math.floor(next / SLOTS_PER_EPOCH))).duties.find((d) => d.slot === next);
    if (duty !== undefined && !resumed.head.state.state.validators.getReadonly(duty.validatorIndex).slashed) break;
  }
  h.setSlot(next);
  await h.proposeAndImport(next);
  report.resumed.nextBlockImported = resumed.head.node.slot === next;
  return report;
}

const EXIT_INDEX = 5;
/** Two blocks on one parent: slot REORG_SLOT arrives late, REORG_SLOT + 1 on time and wins by proposer boost. */
const REORG_SLOT = 5;

/**
 * A late block X of `slot` and a timely block Y of `slot + 1` on the same parent: X becomes head
 * first, then Y takes over (a one-block reorg). Ends with the clock in `slot + 1`.
 */
async function reorg(h: DevHarness, report: ForkReport, slot: number): Promise<SignedBeaconBlockAllForks> {
  h.setSlot(slot);
  const x = h.sign((await h.produce(slot)).block);
  h.setSlot(slot + 1);
  const y = h.sign((await h.produce(slot + 1)).block);
  const xImport = await h.chain.processBlock(x, {source: "gossip"});
  const headAfterX = h.chain.head.node.blockRoot;
  const yImport = await h.chain.processBlock(y, {source: "gossip"});
  report.reorg = {
    xWasHead: headAfterX === xImport.blockRoot,
    yIsHead: h.chain.head.node.blockRoot === yImport.blockRoot,
    orphanRoot: xImport.blockRoot,
    orphanGoneAfterFinality: false,
  };
  return y;
}

const BLS_CHANGE_INDEX = 6;
let slashedIndex: number | null = null;

/** A voluntary exit, a proposer slashing (two headers of one slot) and, from capella, a BLS change. */
function submitOps(h: DevHarness): void {
  const state = h.chain.head.state;
  const epoch = Math.floor(state.state.slot / SLOTS_PER_EPOCH);
  const exit = {epoch, validatorIndex: EXIT_INDEX};
  const exitDomain =
    ForkSeq[state.fork] >= ForkSeq.deneb ? computeDomain(DOMAIN_VOLUNTARY_EXIT, h.config.CAPELLA_FORK_VERSION, state.state.genesisValidatorsRoot) : h.domain(DOMAIN_VOLUNTARY_EXIT, epoch);
  h.chain.submitVoluntaryExit({message: exit, signature: h.keys[EXIT_INDEX].sign(computeSigningRoot(phase0.VoluntaryExit, exit, exitDomain)).toBytes()});

  const header = h.chain.head.state.state.latestBlockHeader.toValue();
  slashedIndex = header.proposerIndex;
  const headerDomain = h.domain(DOMAIN_BEACON_PROPOSER, Math.floor(header.slot / SLOTS_PER_EPOCH));
  const signHeader = (bodyRoot: Uint8Array): ValueOf<typeof phase0.SignedBeaconBlockHeader> => {
    const message = {...header, bodyRoot};
    return {message, signature: h.keys[header.proposerIndex].sign(computeSigningRoot(phase0.BeaconBlockHeader, message, headerDomain)).toBytes()};
  };
  h.chain.submitProposerSlashing({signedHeader1: signHeader(new Uint8Array(32).fill(1)), signedHeader2: signHeader(new Uint8Array(32).fill(2))});

  if (ForkSeq[state.fork] >= ForkSeq.capella) {
    const change = {validatorIndex: BLS_CHANGE_INDEX, fromBlsPubkey: h.keys[BLS_CHANGE_INDEX].toPublicKey().toBytes(), toExecutionAddress: new Uint8Array(20).fill(0xaa)};
    const domain = computeDomain(DOMAIN_BLS_TO_EXECUTION_CHANGE, h.config.GENESIS_FORK_VERSION, state.state.genesisValidatorsRoot);
    h.chain.submitBlsToExecutionChange({message: change, signature: h.keys[BLS_CHANGE_INDEX].sign(computeSigningRoot(capella.BLSToExecutionChange, change, domain)).toBytes()});
  }
}

/** Blocks for `slot` that must be rejected, each leaving the chain as it was. */
async function badBlocks(h: DevHarness, report: ForkReport, slot: number): Promise<void> {
  h.setSlot(slot);
  const {block} = await h.produce(slot);
  const type = sszTypesFor(h.chain.forkAtSlot(slot)).BeaconBlock as unknown as Type<typeof block>;
  const clone = (): typeof block => type.clone(block);

  const wrongStateRoot = clone();
  wrongStateRoot.stateRoot = new Uint8Array(32).fill(7);
  await expectRejected(h, "wrongStateRoot", report, h.sign(wrongStateRoot));

  const wrongKey = h.keys[(block.proposerIndex + 1) % h.keys.length];
  await expectRejected(h, "badSignature", report, h.sign(clone(), wrongKey));

  const unknownParent = clone();
  unknownParent.parentRoot = new Uint8Array(32).fill(9);
  await expectRejected(h, "unknownParent", report, h.sign(unknownParent));

  const wrongProposer = clone();
  wrongProposer.proposerIndex = (block.proposerIndex + 1) % h.keys.length;
  await expectRejected(h, "wrongProposer", report, h.sign(wrongProposer));

  const future = clone();
  future.slot = slot + 1;
  await expectRejected(h, "futureSlot", report, h.sign(future));

  if (ForkSeq[h.fork] >= ForkSeq.bellatrix) {
    // Another fee recipient makes another payload, so the honest block of this slot stays valid.
    const other = await h.produce(slot, new Uint8Array(20).fill(0xbb));
    const payload = (other.block.body as unknown as {executionPayload: {blockHash: Uint8Array}}).executionPayload;
    h.engine.markInvalid(payload.blockHash);
    await expectRejected(h, "invalidPayload", report, h.sign(other.block));
  }
  // The block of a previous slot, imported again.
  const parent = await h.db.getBlock(Buffer.from(h.chain.head.node.blockRoot.slice(2), "hex"));
  if (parent !== null) await expectRejected(h, "alreadyKnown", report, parent);
}

async function main(): Promise<void> {
  const forks = (process.argv[2] ?? "phase0,altair,capella,electra,fulu").split(",") as ForkName[];
  const out: Record<string, ForkReport | {error: string}> = {};
  for (const fork of forks) {
    slashedIndex = null;
    try {
      out[fork] = await runFork(fork);
    } catch (e) {
      out[fork] = {error: e instanceof Error ? (e.stack ?? e.message) : String(e)};
    }
  }
  process.stdout.write(JSON.stringify(out));
}

await main();
