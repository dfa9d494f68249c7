import {strict as assert} from "node:assert";
import {createHash} from "node:crypto";
import {MAX_EFFECTIVE_BALANCE, MAX_SEED_LOOKAHEAD, MIN_SEED_LOOKAHEAD, SLOTS_PER_EPOCH, UNSET_DEPOSIT_REQUESTS_START_INDEX} from "@hearth/params";
import {configAtGenesis} from "./genesisConfig.js";
import type {BeaconStateFulu} from "../../src/index.js";
import {createInteropGenesisState, interopSecretKey, isValidGenesisState} from "../../src/genesis/index.js";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

describe("interop genesis", function () {
  // Each validator's deposit is signed and then verified, as initialize_beacon_state_from_eth1 does.
  this.timeout(60_000);

  it("derives the mocked_start keys (keygen_test_vector.yaml)", () => {
    assert.equal(hex(interopSecretKey(0).toBytes()), "25295f0d1d592a90b333e26e85149708208e9f8e8bc18f6c77bd62f8ad7a6866");
    assert.equal(
      hex(interopSecretKey(0).toPublicKey().toBytes()),
      "a99a76ed7796f7be22d5b7e85deeb7c5677e88e511e0b337618f8c4eb61349b4bf2d153f649f7b53359fe8b94a38e44c"
    );
    assert.equal(
      hex(interopSecretKey(1).toPublicKey().toBytes()),
      Buffer.from("uJvrxpl2lyajGMjplxvTFxKXxhrqSmV4p6T5S1R9y6W6wWqJEItrah/jaV0ah0oL", "base64").toString("hex")
    );
  });

  it("builds a phase0 genesis of active 32 ETH validators with BLS credentials", () => {
    const cs = createInteropGenesisState(configAtGenesis("phase0"), "phase0", 16, 1_600_000_000);
    const {state} = cs;
    assert.equal(cs.fork, "phase0");
    assert.equal(state.genesisTime, 1_600_000_000);
    assert.equal(state.slot, 0);
    assert.equal(state.validators.length, 16);
    assert.equal(state.eth1DepositIndex, 16);
    assert.equal(state.eth1Data.depositCount, 16);
    assert.equal(hex(state.eth1Data.blockHash), "42".repeat(32));
    const v0 = state.validators.getReadonly(0);
    assert.equal(hex(v0.pubkey), "a99a76ed7796f7be22d5b7e85deeb7c5677e88e511e0b337618f8c4eb61349b4bf2d153f649f7b53359fe8b94a38e44c");
    const credentials = createHash("sha256").update(v0.pubkey).digest();
    credentials[0] = 0;
    assert.equal(hex(v0.withdrawalCredentials), credentials.toString("hex"));
    for (const v of state.validators.getAllReadonlyValues()) {
      assert.equal(v.effectiveBalance, MAX_EFFECTIVE_BALANCE);
      assert.equal(v.activationEpoch, 0);
    }
    assert.deepEqual(state.balances.getAll(), new Array(16).fill(MAX_EFFECTIVE_BALANCE));
    assert.equal(hex(state.genesisValidatorsRoot), hex(state.validators.hashTreeRoot()));
    assert.equal(cs.epochCtx.currentShuffling.activeIndices.length, 16);
    assert.equal(cs.epochCtx.totalActiveBalance, 16 * MAX_EFFECTIVE_BALANCE);
    // Too few validators to launch a real network by is_valid_genesis_state, which interop skips.
    assert.equal(isValidGenesisState({...configAtGenesis("phase0"), MIN_GENESIS_TIME: 0, MIN_GENESIS_ACTIVE_VALIDATOR_COUNT: 16}, state), true);
    assert.equal(isValidGenesisState({...configAtGenesis("phase0"), MIN_GENESIS_TIME: 0, MIN_GENESIS_ACTIVE_VALIDATOR_COUNT: 17}, state), false);
  });

  it("is deterministic", () => {
    const a = createInteropGenesisState(configAtGenesis("phase0"), "phase0", 8, 0);
    const b = createInteropGenesisState(configAtGenesis("phase0"), "phase0", 8, 0);
    assert.equal(hex(a.state.hashTreeRoot()), hex(b.state.hashTreeRoot()));
  });

  it("starts at a later fork with every upgrade applied at epoch 0", () => {
    const config = configAtGenesis("fulu");
    const cs = createInteropGenesisState(config, "fulu", 16, 0);
    const state = cs.state as BeaconStateFulu;
    assert.equal(cs.fork, "fulu");
    assert.equal(hex(state.fork.currentVersion), hex(config.FULU_FORK_VERSION));
    assert.equal(hex(state.fork.previousVersion), hex(config.ELECTRA_FORK_VERSION));
    assert.equal(state.fork.epoch, 0);
    assert.equal(state.depositRequestsStartIndex, UNSET_DEPOSIT_REQUESTS_START_INDEX);
    assert.equal(state.pendingDeposits.length, 0);
    // compute_activation_exit_epoch(0) + 1: no validator has exited
    assert.equal(state.earliestExitEpoch, MAX_SEED_LOOKAHEAD + 2);
    const lookahead = state.proposerLookahead.getAll();
    assert.equal(lookahead.length, (MIN_SEED_LOOKAHEAD + 1) * SLOTS_PER_EPOCH);
    assert.ok(lookahead.every((i) => i < 16));
    assert.equal(hex(state.latestExecutionPayloadHeader.blockHash), "00".repeat(32));
  });

  it("rejects a config that does not start at the requested fork", () => {
    assert.throws(() => createInteropGenesisState(configAtGenesis("deneb"), "electra", 4, 0), /ELECTRA_FORK_EPOCH/);
    assert.throws(() => createInteropGenesisState(configAtGenesis("electra"), "deneb", 4, 0), /ELECTRA_FORK_EPOCH/);
  });
});
