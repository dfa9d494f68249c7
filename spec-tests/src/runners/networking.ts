// The `networking` runner (tests/formats/networking/): gossip_* handlers driven through the node's
// gossip validation (packages/beacon-node/src/chain/validation), and fulu's custody helpers from
// packages/network/src/custody. Blob sidecars and data columns are checked with c-kzg, as the node
// checks them. partial_data_column_sidecar (fulu/partial-columns/) runs the spec's validation; the
// node's gossipsub has no partial-message extension to carry such messages yet.
import {computeColumnsForCustodyGroup, getCustodyGroups, getGossipSszType, GossipType} from "@hearth/network";
import {
  GossipValidationError,
  validateGossipAggregateAndProof,
  validateGossipAttestation,
  validateGossipAttesterSlashing,
  validateGossipBlobSidecar,
  validateGossipBlock,
  validateGossipBlsToExecutionChange,
  validateGossipContributionAndProof,
  validateGossipDataColumnSidecar,
  validateGossipPartialDataColumnSidecar,
  validateGossipProposerSlashing,
  validateGossipSyncCommitteeMessage,
  validateGossipVoluntaryExit,
} from "@hearth/beacon-node";
import {fromHex, toHex} from "@hearth/config";
import {fulu} from "@hearth/types";
import type {RunnerBinding, CaseFn} from "../types.js";
import {readSszSnappy, readYaml, toNumber} from "../util/files.js";
import {caseChainConfig, caseFork, loadState} from "../util/state.js";
import {GossipTestStore} from "./networking/gossipStore.js";

interface GossipMeta {
  topic: string;
  blocks?: {block: string; failed?: boolean; payload_status?: "VALID" | "INVALIDATED" | "NOT_VALIDATED"}[];
  finalized_checkpoint?: {epoch: bigint | number; root?: string; block?: string};
  current_time_ms?: bigint | number;
  seen_partial_data_column_headers?: {block_root: string; header: string}[];
  messages: {
    offset_ms?: bigint | number;
    subnet_id?: bigint | number;
    column_index?: bigint | number;
    group_id?: string;
    message: string;
    expected: "valid" | "ignore" | "reject";
    reason?: string;
  }[];
}

const TOPICS: Record<string, GossipType> = {
  beacon_block: GossipType.beacon_block,
  beacon_aggregate_and_proof: GossipType.beacon_aggregate_and_proof,
  beacon_attestation: GossipType.beacon_attestation,
  voluntary_exit: GossipType.voluntary_exit,
  proposer_slashing: GossipType.proposer_slashing,
  attester_slashing: GossipType.attester_slashing,
  sync_committee_contribution_and_proof: GossipType.sync_committee_contribution_and_proof,
  sync_committee: GossipType.sync_committee,
  bls_to_execution_change: GossipType.bls_to_execution_change,
  blob_sidecar: GossipType.blob_sidecar,
  data_column_sidecar: GossipType.data_column_sidecar,
};

type Validate = (store: GossipTestStore, value: never, subnet: number, nowMs: number) => Promise<unknown>;
const VALIDATORS: Record<string, Validate> = {
  [GossipType.beacon_block]: (s, v, _n, t) => validateGossipBlock(s, v, t),
  [GossipType.beacon_aggregate_and_proof]: (s, v, _n, t) => validateGossipAggregateAndProof(s, v, t),
  [GossipType.beacon_attestation]: (s, v, n, t) => validateGossipAttestation(s, v, n, t),
  [GossipType.voluntary_exit]: (s, v) => validateGossipVoluntaryExit(s, v),
  [GossipType.proposer_slashing]: (s, v) => validateGossipProposerSlashing(s, v),
  [GossipType.attester_slashing]: (s, v) => validateGossipAttesterSlashing(s, v),
  [GossipType.sync_committee_contribution_and_proof]: (s, v, _n, t) => validateGossipContributionAndProof(s, v, t),
  [GossipType.sync_committee]: (s, v, n, t) => validateGossipSyncCommitteeMessage(s, v, n, t),
  [GossipType.bls_to_execution_change]: (s, v, _n, t) => validateGossipBlsToExecutionChange(s, v, t),
  [GossipType.blob_sidecar]: (s, v, n, t) => validateGossipBlobSidecar(s, v, n, t),
  [GossipType.data_column_sidecar]: (s, v, n, t) => validateGossipDataColumnSidecar(s, v, n, t),
};

/** partial_data_column_sidecar: not a gossipsub topic of its own (partial messages on the column subnets). */
const PARTIAL = "partial_data_column_sidecar";

const runGossipCase: CaseFn = async (c) => {
  const fork = caseFork(c);
  const config = caseChainConfig(c);
  const meta = readYaml<GossipMeta>(c.dir, "meta");
  const partial = meta.topic === PARTIAL;
  const type = partial ? GossipType.data_column_sidecar : TOPICS[meta.topic];
  if (type === undefined) throw new Error(`unbound topic ${meta.topic}`);
  const store = new GossipTestStore(config, loadState(c, "state", fork, config));
  const blockType = getGossipSszType(GossipType.beacon_block, fork);
  const rootOfFile = new Map<string, string>();
  for (const entry of meta.blocks ?? []) {
    const block = blockType.deserialize(readSszSnappy(c.dir, entry.block));
    const root = store.importBlock(block, entry.failed === true);
    rootOfFile.set(entry.block, root);
    if (entry.payload_status !== undefined) store.payloadStatuses.set(root, entry.payload_status);
  }
  if (meta.finalized_checkpoint !== undefined) {
    const cp = meta.finalized_checkpoint;
    let root = cp.root;
    if (root === undefined && cp.block !== undefined) root = rootOfFile.get(cp.block) ?? store.blockRoot(blockType.deserialize(readSszSnappy(c.dir, cp.block)));
    if (root === undefined) throw new Error("finalized_checkpoint without root or block");
    store.finalized = {epoch: toNumber(cp.epoch), root: toHex(fromHex(root))};
  }
  for (const entry of meta.seen_partial_data_column_headers ?? []) {
    const header = fulu.PartialDataColumnHeader.deserialize(readSszSnappy(c.dir, entry.header));
    store.seen.partialDataColumnHeaders.set(toHex(fromHex(entry.block_root)), {slot: header.signedBlockHeader.message.slot, header});
  }
  const msgType = partial ? fulu.PartialDataColumnSidecar : getGossipSszType(type, fork);
  const validate: Validate = partial
    ? (s, v, _n, t) => {
        const m = currentMessage as (typeof meta.messages)[number];
        if (m.group_id === undefined || m.column_index === undefined) throw new Error("partial message without group_id or column_index");
        const groupId = fulu.PartialDataColumnGroupID.deserialize(readSszSnappy(c.dir, m.group_id));
        return validateGossipPartialDataColumnSidecar(s, v, groupId, toNumber(m.column_index), t);
      }
    : VALIDATORS[type];
  let currentMessage: (typeof meta.messages)[number] | undefined;
  for (const [i, m] of meta.messages.entries()) {
    currentMessage = m;
    // Topics without a clock rule (exits, slashings) carry no times.
    store.nowMs = store.genesisTime * 1000 + toNumber(meta.current_time_ms ?? 0) + toNumber(m.offset_ms ?? 0);
    const value = msgType.deserialize(readSszSnappy(c.dir, m.message)) as never;
    let got: "valid" | "ignore" | "reject" = "valid";
    let reason = "";
    try {
      await validate(store, value, m.subnet_id === undefined ? -1 : toNumber(m.subnet_id), store.nowMs);
    } catch (e) {
      if (!(e instanceof GossipValidationError)) throw e;
      got = e.code;
      reason = e.reason;
    }
    if (got !== m.expected) {
      throw new Error(`message ${i} (${m.message.slice(0, 30)}…): got ${got}${reason ? ` (${reason})` : ""}, expected ${m.expected}${m.reason ? ` (${m.reason})` : ""}`);
    }
  }
};

export const networking: RunnerBinding = {
  handler(handler) {
    if (handler === "get_custody_groups") {
      return (c) => {
        const meta = readYaml<{node_id: bigint; custody_group_count: bigint | number; result: (bigint | number)[]}>(c.dir, "meta");
        const got = getCustodyGroups(BigInt(meta.node_id), toNumber(meta.custody_group_count));
        const want = meta.result.map(toNumber);
        if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`get_custody_groups = ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      };
    }
    if (handler === "compute_columns_for_custody_group") {
      return (c) => {
        const meta = readYaml<{custody_group: bigint | number; result: (bigint | number)[]}>(c.dir, "meta");
        const got = computeColumnsForCustodyGroup(toNumber(meta.custody_group));
        const want = meta.result.map(toNumber);
        if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`compute_columns_for_custody_group = ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      };
    }
    if (handler.startsWith("gossip_")) return runGossipCase;
    return null;
  },
};
