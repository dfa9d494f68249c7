// The two nodes of the range-sync bench, both real BeaconNodes on 127.0.0.1 without discv5, API or
// metrics server: the server resumes the cached chain from its DB and answers req/resp; the syncing
// node starts from the same genesis with the server as its one static peer.
import {ForkSeq} from "@hearth/params";
import {sszTypesFor} from "@hearth/types";
import {createCachedBeaconState, type BeaconStateBellatrix} from "@hearth/state-transition";
import {BeaconNode, nodeConfigRecord} from "../../src/node/beaconNode.js";
import {ExecutionEngineMock} from "../../src/execution/index.js";
import {createLogger, type LogLevel} from "../../src/logger/index.js";
import {FIXTURE_FORK, fixtureConfig, type ChainFixture} from "./chainFixture.js";

function engineFor(fixture: Pick<ChainFixture, "genesisTime">): ExecutionEngineMock {
  return new ExecutionEngineMock({genesisTimestamp: fixture.genesisTime});
}

/** The node serving the cached chain. */
export async function startServerNode(fixture: ChainFixture, logLevel: LogLevel = "warn"): Promise<BeaconNode> {
  const engine = engineFor(fixture);
  return BeaconNode.init({
    config: fixtureConfig(),
    dataDir: fixture.serverDataDir,
    logger: createLogger({level: logLevel, stream: process.stderr}),
    executionEngine: engine,
    nodeConfig: nodeConfigRecord(fixtureConfig()),
    createAnchor: () => {
      throw new Error("the bench server must resume its cached chain");
    },
    beforeResume: ({fork, state}) => {
      if (ForkSeq[fork] >= ForkSeq.bellatrix) engine.addKnownBlock((state as BeaconStateBellatrix).latestExecutionPayloadHeader.toValue());
    },
    network: {host: "127.0.0.1", port: 0, discv5: false, sync: {logIntervalMs: 0}},
    api: {enabled: false},
    metrics: {enabled: false},
  });
}

/** A fresh node at genesis that range-syncs from `peer` (a multiaddr with /p2p/<id>). */
export async function startSyncingNode(fixture: ChainFixture, dataDir: string, peer: string, logLevel: LogLevel = "warn"): Promise<BeaconNode> {
  const config = fixtureConfig();
  return BeaconNode.init({
    config,
    dataDir,
    logger: createLogger({level: logLevel, stream: process.stderr}),
    executionEngine: engineFor(fixture),
    nodeConfig: nodeConfigRecord(config),
    createAnchor: () => createCachedBeaconState(FIXTURE_FORK, sszTypesFor(FIXTURE_FORK).BeaconState.deserializeToViewDU(fixture.genesisSsz) as never, config),
    network: {host: "127.0.0.1", port: 0, discv5: false, directPeers: [peer], sync: {logIntervalMs: 0}},
    api: {enabled: false},
    metrics: {enabled: false},
  });
}
