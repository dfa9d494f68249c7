import {strict as assert} from "node:assert";
import {SYNC_COMMITTEE_SIZE} from "@hearth/params";
import {upgradeStateToFork, type BeaconStateAltair} from "../../src/index.js";
import {createInteropGenesisState} from "../../src/genesis/index.js";
import {configAtGenesis} from "./genesisConfig.js";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

describe("upgrade phase0 → altair", function () {
  this.timeout(60_000);

  it("carries the registry over, zeroes participation and fills both sync committees", () => {
    const config = configAtGenesis("altair");
    const cs = createInteropGenesisState(configAtGenesis("phase0"), "phase0", 16, 0);
    const validatorsRoot = hex(cs.state.validators.hashTreeRoot());
    const balancesRoot = hex(cs.state.balances.hashTreeRoot());
    const shuffling = cs.epochCtx.currentShuffling;
    cs.config = config;
    upgradeStateToFork(cs, "altair");

    const state = cs.state as BeaconStateAltair;
    assert.equal(cs.fork, "altair");
    assert.equal(hex(state.fork.previousVersion), hex(config.GENESIS_FORK_VERSION));
    assert.equal(hex(state.fork.currentVersion), hex(config.ALTAIR_FORK_VERSION));
    assert.equal(hex(state.validators.hashTreeRoot()), validatorsRoot);
    assert.equal(hex(state.balances.hashTreeRoot()), balancesRoot);
    assert.deepEqual(state.previousEpochParticipation.getAll(), new Array(16).fill(0));
    assert.deepEqual(state.currentEpochParticipation.getAll(), new Array(16).fill(0));
    assert.deepEqual(state.inactivityScores.getAll(), new Array(16).fill(0));
    assert.equal(hex(state.currentSyncCommittee.hashTreeRoot()), hex(state.nextSyncCommittee.hashTreeRoot()));
    const members = state.currentSyncCommittee.pubkeys.getAllReadonly();
    assert.equal(members.length, SYNC_COMMITTEE_SIZE);
    const registry = new Set(state.validators.getAllReadonlyValues().map((v) => hex(v.pubkey)));
    assert.ok(members.every((pubkey) => registry.has(hex(pubkey))));
    // The upgrade changes no one's activity: the epoch cache keeps its shufflings.
    assert.equal(cs.epochCtx.currentShuffling, shuffling);
  });

  it("only upgrades to the next fork", () => {
    const cs = createInteropGenesisState(configAtGenesis("phase0"), "phase0", 4, 0);
    assert.throws(() => upgradeStateToFork(cs, "bellatrix"), /cannot upgrade a phase0 state to bellatrix/);
  });
});
