// Groups on the genesis chain: node, config, genesis, validators, duties, committees, unknown ids.
import {FORK_NAMES, ForkSeq, SYNC_COMMITTEE_SIZE} from "@hearth/params";
import {FORK_CONFIG_KEYS, toHex} from "@hearth/config";
import {sszTypesFor} from "@hearth/types";
import type {ScenarioContext} from "./context.js";
import {GENESIS_TIME} from "../../chain/harness.js";
import {VALIDATORS, VERSION} from "./context.js";
import {failureOf} from "./report.js";

export async function basicGroups(ctx: ScenarioContext): Promise<void> {
  const {r, client, h, fork} = ctx;
  const post = (f: string): boolean => ForkSeq[fork] >= ForkSeq[f as keyof typeof ForkSeq];

  await r.group("node", async () => {
    const version = (await client.getNodeVersion()).data.version;
    r.check("version", new RegExp(`^Hearth/v${VERSION}/[a-z0-9]+-[a-z0-9]+$`).test(version) ? "Hearth/v0.1.0/<platform>" : version, "Hearth/v0.1.0/<platform>");
    r.check("health", (await client.getHealth()).status, 200);
    const syncing = (await client.getSyncingStatus()).data;
    r.check("syncing", syncing, {headSlot: 0, syncDistance: 0, isSyncing: false, isOptimistic: false, elOffline: false});
    r.check("peers", (await client.getPeers()).data, []);
    r.check("peerCount", (await client.getPeerCount()).data, {disconnected: 0, connecting: 0, connected: 0, disconnecting: 0});
    r.check("peer404", (await failureOf(client.getPeer({peerId: "16Uiu2abc"}))).status, 404);
    r.check("identityAddresses", (await client.getNetworkIdentity()).data.p2pAddresses, []);
  });

  await r.group("config", async () => {
    const spec = (await client.getSpec()).data;
    r.check("SLOTS_PER_EPOCH", spec.SLOTS_PER_EPOCH, "8");
    r.check("PRESET_BASE", spec.PRESET_BASE, "minimal");
    r.check("SECONDS_PER_SLOT", spec.SECONDS_PER_SLOT, String(h.config.SECONDS_PER_SLOT));
    r.check("DOMAIN_BEACON_ATTESTER", spec.DOMAIN_BEACON_ATTESTER, "0x01000000");
    r.check("DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF", spec.DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF, "0x08000000");
    r.check("TARGET_AGGREGATORS_PER_COMMITTEE", spec.TARGET_AGGREGATORS_PER_COMMITTEE, "16");
    r.check("BLS_WITHDRAWAL_PREFIX", spec.BLS_WITHDRAWAL_PREFIX, "0x00");
    r.check("FAR_FUTURE_EPOCH", spec.FAR_FUTURE_EPOCH, "18446744073709551615");
    r.check("SYNC_COMMITTEE_SIZE", spec.SYNC_COMMITTEE_SIZE, String(SYNC_COMMITTEE_SIZE));
    const schedule = (await client.getForkSchedule()).data;
    const scheduled = FORK_NAMES.filter((f) => ForkSeq[f] <= ForkSeq[fork]);
    r.check("forkScheduleEpochs", schedule.map((f) => f.epoch), scheduled.map(() => 0));
    const versionOf = (f: (typeof FORK_NAMES)[number]): Uint8Array => (f === "phase0" ? h.config.GENESIS_FORK_VERSION : h.config[FORK_CONFIG_KEYS[f].version]);
    r.check("forkScheduleCurrent", schedule.map((f) => toHex(f.currentVersion)), scheduled.map((f) => toHex(versionOf(f))));
    r.check("forkSchedulePrevious", schedule.map((f) => toHex(f.previousVersion)), scheduled.map((f, i) => toHex(versionOf(scheduled[Math.max(0, i - 1)]))));
    const contract = (await client.getDepositContract()).data;
    r.check("depositContract", contract, {chainId: h.config.DEPOSIT_CHAIN_ID, address: h.config.DEPOSIT_CONTRACT_ADDRESS});
  });

  await r.group("genesis", async () => {
    const genesis = (await client.getGenesis()).data;
    r.check("genesis", genesis, {genesisTime: GENESIS_TIME, genesisValidatorsRoot: h.genesis.state.genesisValidatorsRoot, genesisForkVersion: h.config.GENESIS_FORK_VERSION});
    const head = await client.getBlockHeader({blockId: "head"});
    r.check("headRoot", head.data.root, ctx.genesisRoot);
    r.check("headSlot", head.data.header.message.slot, 0);
    r.check("headStateRoot", head.data.header.message.stateRoot, ctx.genesisStateRoot);
    r.check("headMeta", head.meta, {executionOptimistic: false, finalized: true});
    r.check("genesisBlockRoot", (await client.getBlockRoot({blockId: "genesis"})).data.root, ctx.genesisRoot);
    r.check("slot0BlockRoot", (await client.getBlockRoot({blockId: 0})).data.root, ctx.genesisRoot);
    // an interop genesis block may be of an earlier fork than the slot's (see resolve.ts anchorBlock)
    const block = await client.getBlockV2({blockId: "head"});
    const blockType = sszTypesFor(block.meta.version).BeaconBlock as unknown as {hashTreeRoot(v: unknown): Uint8Array};
    r.check("genesisBlock", [blockType.hashTreeRoot(block.data.message), ForkSeq[block.meta.version] <= ForkSeq[fork]], [ctx.genesisRoot, true]);
    for (const id of ["head", "genesis", "finalized", "justified", 0] as const) {
      r.check(`stateRoot(${id})`, (await client.getStateRoot({stateId: id})).data.root, ctx.genesisStateRoot);
    }
    r.check("stateRootById", (await client.getStateRoot({stateId: ctx.genesisStateRoot as `0x${string}`})).data.root, ctx.genesisStateRoot);
    const fc = await client.getStateFinalityCheckpoints({stateId: "head"});
    r.check("finalityCheckpoints", fc.data.finalized, {epoch: 0, root: new Uint8Array(32)});
    r.check("stateFork", (await client.getStateFork({stateId: "head"})).data.currentVersion, h.genesis.state.fork.currentVersion);
  });

  await r.group("validators", async () => {
    const pubkey5 = toHex(h.genesis.state.validators.getReadonly(5).pubkey) as `0x${string}`;
    const some = await client.getStateValidators({stateId: "head", id: [0, pubkey5, 9999]});
    r.check("byIndexAndPubkey", some.data.map((v) => [v.index, v.status, v.balance, toHex(v.validator.pubkey)]), [
      [0, "active_ongoing", 32e9, toHex(h.genesis.state.validators.getReadonly(0).pubkey)],
      [5, "active_ongoing", 32e9, pubkey5],
    ]);
    // at genesis the head is the finalized checkpoint block
    r.check("meta", some.meta, {executionOptimistic: false, finalized: true});
    r.check("all", (await client.getStateValidators({stateId: "head"})).data.length, VALIDATORS);
    r.check("activeFilter", (await client.getStateValidators({stateId: "head", status: ["active"]})).data.length, VALIDATORS);
    r.check("pendingFilter", (await client.getStateValidators({stateId: "head", status: ["pending_queued", "exited"]})).data.length, 0);
    r.check("post", (await client.postStateValidators({stateId: "head", query: {ids: [3, 4]}})).data.map((v) => v.index), [3, 4]);
    const one = await client.getStateValidator({stateId: "genesis", validatorId: pubkey5});
    r.check("oneByPubkey", [one.data.index, one.data.validator.exitEpoch], [5, Infinity]);
    const unknown = ("0x" + "ab".repeat(48)) as `0x${string}`;
    r.check("unknownPubkey", (await failureOf(client.getStateValidator({stateId: "head", validatorId: unknown}))).status, 404);
  });

  await r.group("duties", async () => {
    const proposers = await client.getProposerDuties({epoch: 0});
    r.check("proposerSlots", proposers.data.map((d) => d.slot), [0, 1, 2, 3, 4, 5, 6, 7]);
    r.check("proposerDependentRoot", proposers.meta.dependentRoot, ctx.genesisRoot);
    const chainDuties = await h.chain.getProposerDuties(0);
    r.check("proposerIndices", proposers.data.map((d) => d.validatorIndex), chainDuties.duties.map((d) => d.validatorIndex));
    const all = Array.from({length: VALIDATORS}, (_, i) => i);
    const attesters = await client.getAttesterDuties({epoch: 0, indices: all});
    r.check("attesterCount", attesters.data.length, VALIDATORS);
    r.check("attesterDependentRoot", attesters.meta.dependentRoot, ctx.genesisRoot);
    r.check("attesterOrder", new Set(attesters.data.map((d) => d.validatorIndex)).size, VALIDATORS);
    r.check("nextEpochAttesters", (await client.getAttesterDuties({epoch: 1, indices: [0, 1]})).data.length, 2);
    r.check("tooFarAhead", (await failureOf(client.getAttesterDuties({epoch: 5, indices: [0]}))).status, 400);
    if (post("altair")) {
      const sync = await client.getSyncCommitteeDuties({epoch: 0, indices: all});
      r.check("syncPositions", sync.data.reduce((n, d) => n + d.validatorSyncCommitteeIndices.length, 0), SYNC_COMMITTEE_SIZE);
    } else {
      r.check("syncBeforeAltair", (await failureOf(client.getSyncCommitteeDuties({epoch: 0, indices: all}))).status, 400);
    }
  });

  await r.group("committees", async () => {
    const committees = (await client.getEpochCommittees({stateId: "head"})).data;
    r.check("members", committees.reduce((n, c) => n + c.validators.length, 0), VALIDATORS);
    r.check("slots", [...new Set(committees.map((c) => c.slot))], [0, 1, 2, 3, 4, 5, 6, 7]);
    r.check("oneSlot", (await client.getEpochCommittees({stateId: "head", slot: 3, index: 0})).data.map((c) => [c.slot, c.index]), [[3, 0]]);
    r.check("slotOutsideEpoch", (await failureOf(client.getEpochCommittees({stateId: "head", epoch: 0, slot: 9}))).status, 400);
    r.check("epochTooFar", (await failureOf(client.getEpochCommittees({stateId: "head", epoch: 4}))).status, 400);
    if (post("altair")) {
      const sync = (await client.getEpochSyncCommittees({stateId: "head"})).data;
      r.check("syncCommittee", [sync.validators.length, sync.validatorAggregates.length, sync.validatorAggregates[0].length], [SYNC_COMMITTEE_SIZE, 4, SYNC_COMMITTEE_SIZE / 4]);
    }
  });

  await r.group("notFound", async () => {
    const root = ("0x" + "ab".repeat(32)) as `0x${string}`;
    const stateMiss = await failureOf(client.getStateRoot({stateId: root}));
    r.check("unknownStateRoot", stateMiss, {status: 404, message: `State not found: ${root}`, failures: undefined});
    r.check("futureSlotState", (await failureOf(client.getStateRoot({stateId: 1000}))).status, 404);
    r.check("unknownBlockRoot", (await failureOf(client.getBlockHeader({blockId: root}))).status, 404);
    r.check("emptySlotBlock", (await failureOf(client.getBlockV2({blockId: 1}))).status, 404);
    const res = await fetch(`${ctx.url}/eth/v1/beacon/states/nonsense/root`);
    r.check("badStateId", res.status, 400);
  });
}
