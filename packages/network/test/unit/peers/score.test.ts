import {strict as assert} from "node:assert";
import {createBeaconConfig, minimalChainConfig} from "@hearth/config";
import {
  BAN_DURATION_MS,
  checkPeerStatus,
  PEER_ACTION_SCORE,
  PeerAction,
  PeerScore,
  PeerScoreStore,
  SCORE_HALFLIFE_MS,
  ScoreState,
  StatusVerdict,
} from "../../../src/index.js";

describe("peers: scores with decay and bans", () => {
  it("applies each action's weight", () => {
    for (const action of Object.values(PeerAction)) {
      const s = new PeerScore(0);
      s.applyAction(action, 0);
      assert.equal(s.getScore(0), PEER_ACTION_SCORE[action], action);
    }
  });

  it("decays towards 0 with the configured half-life", () => {
    const s = new PeerScore(0);
    s.applyAction(PeerAction.LowToleranceError, 0); // -10
    assert.ok(Math.abs(s.getScore(SCORE_HALFLIFE_MS) - -5) < 1e-9);
    assert.ok(Math.abs(s.getScore(2 * SCORE_HALFLIFE_MS) - -2.5) < 1e-9);
    assert.equal(s.getScore(100 * SCORE_HALFLIFE_MS), 0);
  });

  it("disconnects at -20 and bans at -50; a ban lasts BAN_DURATION_MS then decay resumes", () => {
    const s = new PeerScore(0);
    assert.equal(s.applyAction(PeerAction.LowToleranceError, 0), ScoreState.Healthy); // -10
    assert.equal(s.applyAction(PeerAction.LowToleranceError, 0), ScoreState.Disconnected); // -20
    s.applyAction(PeerAction.LowToleranceError, 0);
    s.applyAction(PeerAction.LowToleranceError, 0);
    assert.equal(s.applyAction(PeerAction.LowToleranceError, 0), ScoreState.Banned); // -50
    // held while banned, even though time passes
    assert.equal(s.getState(BAN_DURATION_MS - 1), ScoreState.Banned);
    assert.equal(s.getScore(BAN_DURATION_MS - 1), -50);
    // lifted at the end, just above the ban threshold, then decays
    assert.equal(s.isBanned(BAN_DURATION_MS), false);
    assert.equal(s.getState(BAN_DURATION_MS), ScoreState.Disconnected);
    assert.ok(s.getScore(BAN_DURATION_MS + 5 * SCORE_HALFLIFE_MS) > -2);
  });

  it("Fatal bans at once; the store tracks peers separately and prunes neutral ones", () => {
    let now = 1000;
    const store = new PeerScoreStore(() => now);
    assert.equal(store.applyAction("a", PeerAction.Fatal), ScoreState.Banned);
    store.applyAction("b", PeerAction.HighToleranceError);
    assert.equal(store.isBanned("a"), true);
    assert.equal(store.isBanned("b"), false);
    assert.equal(store.getScore("b"), -1);
    assert.equal(store.getScore("unknown"), 0);
    now += 100 * SCORE_HALFLIFE_MS;
    store.prune();
    // a's ban ended and its score decayed to 0, b decayed to 0: both pruned
    assert.equal(store.size(), 0);
    store.applyAction("c", PeerAction.Fatal);
    store.prune();
    assert.equal(store.size(), 1, "a banned peer is kept");
  });
});

describe("peers: status handshake checks", () => {
  const config = createBeaconConfig(minimalChainConfig, new Uint8Array(32).fill(1));
  const digest = config.forkDigestAtEpoch(0);
  const root = (b: number): Uint8Array => new Uint8Array(32).fill(b);
  const ours = {forkDigest: digest, finalizedRoot: root(5), finalizedEpoch: 5, headRoot: root(9), headSlot: 100};

  it("accepts a peer on our digest and finalized checkpoint", () => {
    assert.equal(checkPeerStatus(config, 0, ours, {...ours, headSlot: 300}), StatusVerdict.OK);
  });
  it("rejects another fork digest", () => {
    assert.equal(checkPeerStatus(config, 0, ours, {...ours, forkDigest: new Uint8Array([1, 2, 3, 4])}), StatusVerdict.WRONG_FORK_DIGEST);
  });
  it("rejects a different root at our finalized epoch", () => {
    assert.equal(checkPeerStatus(config, 0, ours, {...ours, finalizedRoot: root(6)}), StatusVerdict.FINALIZED_CONFLICT);
  });
  it("asks the chain about an older finalized checkpoint, accepts genesis and anything ahead", () => {
    const older = {...ours, finalizedEpoch: 3, finalizedRoot: root(3)};
    assert.equal(checkPeerStatus(config, 0, ours, older, () => false), StatusVerdict.FINALIZED_CONFLICT);
    assert.equal(checkPeerStatus(config, 0, ours, older, () => true), StatusVerdict.OK);
    assert.equal(checkPeerStatus(config, 0, ours, older, () => null), StatusVerdict.OK);
    assert.equal(checkPeerStatus(config, 0, ours, {...ours, finalizedEpoch: 0, finalizedRoot: root(0)}, () => false), StatusVerdict.OK);
    assert.equal(checkPeerStatus(config, 0, ours, {...ours, finalizedEpoch: 9, finalizedRoot: root(7)}, () => false), StatusVerdict.OK);
  });
});
