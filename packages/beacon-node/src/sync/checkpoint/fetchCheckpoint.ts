// Checkpoint sync from a trusted Beacon API (--checkpointSyncUrl) or a state file (--checkpointState):
// the finalized state as SSZ (/eth/v2/debug/beacon/states/finalized), then the block its
// latest_block_header names (/eth/v2/beacon/blocks/{root}), checked against each other.
import {readFileSync} from "node:fs";
import {SLOTS_PER_EPOCH, isForkName} from "@hearth/params";
import {createForkSchedule, toHex, type ChainConfig} from "@hearth/config";
import type {ChainLogger} from "../../chain/interface.js";
import {anchorBlockHeader} from "../../chain/anchor.js";
import {CheckpointSyncError, CheckpointSyncErrorCode} from "./errors.js";
import {anchorBlockRoot, assertBlockMatchesState, loadAnchorBlock, loadCheckpointState, type CheckpointAnchor} from "./checkpointAnchor.js";

export interface FetchCheckpointOptions {
  /** Base URL of the trusted Beacon API, e.g. http://127.0.0.1:9596 */
  url: string;
  config: ChainConfig;
  logger: ChainLogger;
  /** The state to start from: "finalized" (the spec's choice; others are for tests and tools). */
  stateId?: string;
  /** Per request (a mainnet state is large): 5 minutes by default. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const SSZ = "application/octet-stream";

async function getSsz(fetchFn: typeof fetch, url: string, timeoutMs: number, what: string): Promise<{bytes: Uint8Array; version: string | null}> {
  let res: Response;
  try {
    res = await fetchFn(url, {headers: {accept: SSZ}, signal: AbortSignal.timeout(timeoutMs)});
  } catch (e) {
    throw new CheckpointSyncError(CheckpointSyncErrorCode.FETCH_FAILED, {what, url, reason: (e as Error).message});
  }
  if (res.status !== 200) {
    const body = (await res.text().catch(() => "")).slice(0, 200);
    throw new CheckpointSyncError(CheckpointSyncErrorCode.FETCH_FAILED, {what, url, status: res.status, reason: body || res.statusText});
  }
  const type = res.headers.get("content-type") ?? "";
  if (!type.startsWith(SSZ)) {
    await res.body?.cancel();
    throw new CheckpointSyncError(CheckpointSyncErrorCode.FETCH_FAILED, {what, url, reason: `answered ${type || "no content type"}, not SSZ`});
  }
  try {
    return {bytes: new Uint8Array(await res.arrayBuffer()), version: res.headers.get("eth-consensus-version")};
  } catch (e) {
    throw new CheckpointSyncError(CheckpointSyncErrorCode.FETCH_FAILED, {what, url, reason: (e as Error).message});
  }
}

/** The finalized state and its block from a trusted Beacon API, checked against each other. */
export async function fetchCheckpointAnchor(opts: FetchCheckpointOptions): Promise<CheckpointAnchor> {
  const {config, logger} = opts;
  const base = opts.url.replace(/\/+$/, "");
  const fetchFn = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? 300_000;
  const stateId = opts.stateId ?? "finalized";
  const started = Date.now();
  logger.info("Checkpoint sync: fetching the state", {url: base, stateId});

  const stateRes = await getSsz(fetchFn, `${base}/eth/v2/debug/beacon/states/${stateId}`, timeoutMs, "state");
  const state = loadCheckpointState(stateRes.bytes, config, {claimedFork: stateRes.version ?? undefined});
  const root = toHex(anchorBlockRoot(state));
  const header = anchorBlockHeader(state.state);

  const blockRes = await getSsz(fetchFn, `${base}/eth/v2/beacon/blocks/${root}`, timeoutMs, "block");
  // The served fork is taken as a hint only (an interop genesis block is served as the empty block
  // of the fork its body root fits, often phase0): the root check below is what counts.
  const scheduled = createForkSchedule(config).forkAtEpoch(Math.floor(header.slot / SLOTS_PER_EPOCH));
  const claimed = blockRes.version;
  if (claimed !== null && !isForkName(claimed)) {
    throw new CheckpointSyncError(CheckpointSyncErrorCode.FORK_MISMATCH, {what: "block", slot: header.slot, claimed, scheduled});
  }
  const block = loadAnchorBlock(blockRes.bytes, claimed ?? scheduled);
  assertBlockMatchesState(state, block, claimed ?? scheduled);

  logger.info("Checkpoint sync: anchor fetched and checked", {
    url: base,
    fork: state.fork,
    stateSlot: state.state.slot,
    epoch: Math.floor(state.state.slot / SLOTS_PER_EPOCH),
    stateRoot: toHex(state.state.hashTreeRoot()),
    blockSlot: header.slot,
    blockRoot: root,
    stateBytes: stateRes.bytes.length,
    ms: Date.now() - started,
  });
  return {state, block, blockRoot: root};
}

/** The anchor of a state file (SSZ); it has no block, the chain knows it by its header. */
export function loadCheckpointAnchorFile(file: string, config: ChainConfig, logger: ChainLogger): CheckpointAnchor {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new CheckpointSyncError(CheckpointSyncErrorCode.FETCH_FAILED, {what: "state", file, reason: (e as Error).message});
  }
  const state = loadCheckpointState(bytes, config);
  const blockRoot = toHex(anchorBlockRoot(state));
  logger.info("Starting from a checkpoint state file", {file, fork: state.fork, stateSlot: state.state.slot, blockRoot});
  return {state, block: null, blockRoot};
}
