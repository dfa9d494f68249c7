// Checkpoint sync against a real node's Beacon API (a hand-driven dev chain served on a free port):
// the fetched anchor is the served chain's state and block, a chain starts on it and imports the
// next block; a bad or mismatched answer is refused with its code.
import {strict as assert} from "node:assert";
import {createBeaconApiServer, type BeaconApiServer} from "@hearth/api";
import {toHex} from "@hearth/config";
import {Db} from "@hearth/db";
import {BeaconChain, ChainDbAdapter} from "../../../src/chain/index.js";
import {createBeaconApiImpl, type BeaconApiImplHandle} from "../../../src/api/index.js";
import {noopLogger} from "../../../src/chain/interface.js";
import {CheckpointSyncError, CheckpointSyncErrorCode, fetchCheckpointAnchor, type CheckpointAnchor} from "../../../src/sync/index.js";
import {DevHarness} from "../chain/harness.js";

function isCode(code: CheckpointSyncErrorCode) {
  return (e: unknown) => e instanceof CheckpointSyncError && e.code === code;
}

describe("sync / checkpoint sync", function () {
  this.timeout(30_000);
  let h: DevHarness;
  let impl: BeaconApiImplHandle;
  let server: BeaconApiServer;
  let url: string;

  before(async () => {
    h = await DevHarness.create({fork: "electra", validatorCount: 64});
    impl = createBeaconApiImpl({chain: h.chain, version: "0.1.0"});
    server = createBeaconApiServer({implementation: impl, host: "127.0.0.1", port: 0});
    url = (await server.listen()).url;
    for (let slot = 1; slot <= 3; slot++) await h.runSlot(slot);
  });
  after(async () => {
    impl.close();
    await server.close();
    await h.chain.stop();
  });

  it("fetches the finalized state (genesis here) and its block", async () => {
    const anchor = await fetchCheckpointAnchor({url, config: h.config, logger: noopLogger});
    assert.equal(anchor.state.state.slot, 0);
    assert.equal(anchor.blockRoot, h.chain.forkChoice.finalizedCheckpoint.root);
    assert.equal(anchor.block?.message.slot, 0);
  });

  it("fetches a later state whose block matches, and a chain anchored there imports the next block", async () => {
    const anchor: CheckpointAnchor = await fetchCheckpointAnchor({url, config: h.config, logger: noopLogger, stateId: "head"});
    assert.equal(anchor.state.state.slot, 3);
    assert.equal(anchor.blockRoot, h.chain.head.node.blockRoot);
    assert.equal(toHex(anchor.state.state.hashTreeRoot()), toHex(h.chain.head.state.state.hashTreeRoot()));
    assert.equal(toHex(anchor.block!.message.stateRoot), toHex(h.chain.head.state.state.hashTreeRoot()));

    const db = new ChainDbAdapter(await Db.openInMemory(), h.config);
    const chain = await BeaconChain.initFromAnchor({config: h.config, db, executionEngine: h.engine, now: () => h.nowMs}, anchor.state);
    try {
      assert.equal(chain.anchorRoot, anchor.blockRoot);
      const next = await h.runSlot(4);
      const result = await chain.processBlock(next, {source: "sync"});
      assert.equal(result.slot, 4);
      assert.equal(chain.head.node.blockRoot, h.chain.head.node.blockRoot);
    } finally {
      await chain.stop();
    }
  });

  /** A fetch that answers the state from the real API and tampers with one response. */
  function tampered(alter: (path: string, res: Response) => Promise<Response> | Response): typeof fetch {
    return (async (input: string | URL | Request, init?: RequestInit) => {
      const res = await fetch(input, init);
      return alter(new URL(String(input)).pathname, res);
    }) as typeof fetch;
  }

  it("refuses a block that is not the state's", async () => {
    const otherBlock = await fetch(`${url}/eth/v2/beacon/blocks/1`, {headers: {accept: "application/octet-stream"}});
    const otherBytes = new Uint8Array(await otherBlock.arrayBuffer());
    const f = tampered((path, res) =>
      path.startsWith("/eth/v2/beacon/blocks/") ? new Response(otherBytes, {status: 200, headers: res.headers}) : res
    );
    await assert.rejects(fetchCheckpointAnchor({url, config: h.config, logger: noopLogger, stateId: "head", fetch: f}), isCode(CheckpointSyncErrorCode.BLOCK_STATE_MISMATCH));
  });

  it("refuses garbage state bytes, a truncated state, an error status and a JSON answer", async () => {
    const garbage = tampered((path, res) => (path.includes("/states/") ? new Response(new Uint8Array(100).fill(0xff), {status: 200, headers: res.headers}) : res));
    await assert.rejects(fetchCheckpointAnchor({url, config: h.config, logger: noopLogger, fetch: garbage}), isCode(CheckpointSyncErrorCode.INVALID_STATE));
    const tiny = tampered((path, res) => (path.includes("/states/") ? new Response(new Uint8Array(10), {status: 200, headers: res.headers}) : res));
    await assert.rejects(fetchCheckpointAnchor({url, config: h.config, logger: noopLogger, fetch: tiny}), isCode(CheckpointSyncErrorCode.INVALID_STATE));
    await assert.rejects(fetchCheckpointAnchor({url, config: h.config, logger: noopLogger, stateId: "0x" + "ab".repeat(32)}), (e: unknown) => isCode(CheckpointSyncErrorCode.FETCH_FAILED)(e) && (e as CheckpointSyncError).detail.status === 404);
    const json = tampered(() => new Response("{}", {status: 200, headers: {"content-type": "application/json"}}));
    await assert.rejects(fetchCheckpointAnchor({url, config: h.config, logger: noopLogger, fetch: json}), isCode(CheckpointSyncErrorCode.FETCH_FAILED));
    await assert.rejects(fetchCheckpointAnchor({url: "http://127.0.0.1:1", config: h.config, logger: noopLogger}), isCode(CheckpointSyncErrorCode.FETCH_FAILED));
  });

  it("refuses a state of another network and a state that claims another fork", async () => {
    const otherNetwork = {...h.config, ELECTRA_FORK_VERSION: new Uint8Array([9, 9, 9, 9])};
    await assert.rejects(fetchCheckpointAnchor({url, config: otherNetwork, logger: noopLogger}), isCode(CheckpointSyncErrorCode.WRONG_NETWORK));
    const lying = tampered((path, res) => {
      const headers = new Headers(res.headers);
      headers.set("eth-consensus-version", "phase0");
      return path.includes("/states/") ? new Response(res.body, {status: 200, headers}) : res;
    });
    await assert.rejects(fetchCheckpointAnchor({url, config: h.config, logger: noopLogger, fetch: lying}), isCode(CheckpointSyncErrorCode.FORK_MISMATCH));
  });
});
