// genesis: initialize_beacon_state_from_eth1 (initialization) and is_valid_genesis_state (validity),
// tests/formats/genesis.
import {phase0} from "@hearth/types";
import {initializeBeaconStateFromEth1, isValidGenesisState} from "@hearth/state-transition";
import type {CaseFn, RunnerBinding} from "../types.js";
import {fromHex, hasFile, readSszSnappy, readYaml, toNumber} from "../util/files.js";
import {caseFork, expectState, loadState, specConfig} from "../util/state.js";

const initialization: CaseFn = (c) => {
  const fork = caseFork(c);
  if (fork !== "phase0") throw new Error(`genesis initialization is a phase0 function, not ${fork}`);
  const meta = readYaml<{deposits_count: bigint; execution_payload_header?: boolean}>(c.dir, "meta");
  if (meta.execution_payload_header || hasFile(c.dir, "execution_payload_header.ssz_snappy")) {
    throw new Error("a genesis with an execution payload header belongs to a later fork's genesis, which the spec no longer defines");
  }
  const eth1 = readYaml<{eth1_block_hash: string; eth1_timestamp: bigint}>(c.dir, "eth1");
  const deposits = [];
  for (let i = 0; i < toNumber(meta.deposits_count); i++) deposits.push(phase0.Deposit.deserialize(readSszSnappy(c.dir, `deposits_${i}`)));
  const cs = initializeBeaconStateFromEth1(specConfig(fork), fromHex(eth1.eth1_block_hash), toNumber(eth1.eth1_timestamp), deposits);
  expectState(cs, c, "state");
};

const validity: CaseFn = (c) => {
  const config = specConfig(caseFork(c));
  const cs = loadState(c, "genesis", caseFork(c), config);
  const expected = readYaml<boolean>(c.dir, "is_valid");
  const actual = isValidGenesisState(config, cs.state);
  if (actual !== expected) throw new Error(`is_valid_genesis_state returned ${actual}, expected ${expected}`);
};

export const genesis: RunnerBinding = {
  handler(handler) {
    if (handler === "initialization") return initialization;
    if (handler === "validity") return validity;
    return null;
  },
};
