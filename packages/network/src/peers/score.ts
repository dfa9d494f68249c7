// Peer scoring: every misbehaviour a peer shows (bad req/resp frame, rejected gossip, rate-limit
// abuse, a failed status check) is reported as a PeerAction; the score falls by the action's
// weight and recovers towards 0 by exponential decay, so a single mistake is forgiven with time but
// repeated ones lead to a disconnect and then a ban.

/** How bad a peer's behaviour was. Reported by req/resp, gossip, sync and the peer manager. */
export enum PeerAction {
  /** Proof of malice or a protocol violation that cannot be honest: disconnect and ban now. */
  Fatal = "Fatal",
  /** Serious: a handful of these and the peer is gone. */
  LowToleranceError = "LowToleranceError",
  /** Bad but could be an honest bug; tolerated ~10 times. */
  MidToleranceError = "MidToleranceError",
  /** Could well be benign (a timeout, a slow response); tolerated many times. */
  HighToleranceError = "HighToleranceError",
}

/** Score change per action. The score lives in [MIN_SCORE, MAX_SCORE]. */
export const PEER_ACTION_SCORE: Record<PeerAction, number> = {
  [PeerAction.Fatal]: -100,
  [PeerAction.LowToleranceError]: -10,
  [PeerAction.MidToleranceError]: -5,
  [PeerAction.HighToleranceError]: -1,
};

export const MAX_SCORE = 100;
export const MIN_SCORE = -100;
/** At or below this a peer is disconnected (goodbye: bad score). */
export const SCORE_DISCONNECT_THRESHOLD = -20;
/** At or below this a peer is also banned for BAN_DURATION_MS. */
export const SCORE_BAN_THRESHOLD = -50;
/** Half-life of the score's decay towards 0: a -20 peer is back to -10 after this long. */
export const SCORE_HALFLIFE_MS = 10 * 60 * 1000;
/** How long a banned peer may not reconnect. */
export const BAN_DURATION_MS = 30 * 60 * 1000;

export enum ScoreState {
  Healthy = "Healthy",
  Disconnected = "Disconnected",
  Banned = "Banned",
}

export function scoreToState(score: number): ScoreState {
  if (score <= SCORE_BAN_THRESHOLD) return ScoreState.Banned;
  if (score <= SCORE_DISCONNECT_THRESHOLD) return ScoreState.Disconnected;
  return ScoreState.Healthy;
}

/** One peer's score. Time is passed in (ms) so tests and callers control the clock. */
export class PeerScore {
  private score = 0;
  private lastUpdateMs: number;
  /** Until when the peer is banned; 0 if not. */
  private bannedUntilMs = 0;

  constructor(nowMs: number) {
    this.lastUpdateMs = nowMs;
  }

  getScore(nowMs: number): number {
    this.decay(nowMs);
    return this.score;
  }

  getState(nowMs: number): ScoreState {
    if (this.isBanned(nowMs)) return ScoreState.Banned;
    return scoreToState(this.getScore(nowMs));
  }

  isBanned(nowMs: number): boolean {
    return this.bannedUntilMs > nowMs;
  }

  bannedUntil(): number {
    return this.bannedUntilMs;
  }

  /** Apply an action; returns the new state. Crossing the ban threshold starts a ban. */
  applyAction(action: PeerAction, nowMs: number): ScoreState {
    return this.add(PEER_ACTION_SCORE[action], nowMs);
  }

  /** Add (or subtract) a raw amount, e.g. from gossipsub's own score. */
  add(delta: number, nowMs: number): ScoreState {
    this.decay(nowMs);
    this.score = clamp(this.score + delta, MIN_SCORE, MAX_SCORE);
    if (this.score <= SCORE_BAN_THRESHOLD && !this.isBanned(nowMs)) {
      this.bannedUntilMs = nowMs + BAN_DURATION_MS;
    }
    return this.getState(nowMs);
  }

  /** Ban explicitly (e.g. an operator action or a Fatal from elsewhere). */
  ban(nowMs: number, durationMs = BAN_DURATION_MS): void {
    this.decay(nowMs);
    this.score = MIN_SCORE;
    this.bannedUntilMs = nowMs + durationMs;
  }

  private decay(nowMs: number): void {
    const dt = nowMs - this.lastUpdateMs;
    if (dt <= 0) return;
    this.lastUpdateMs = nowMs;
    let decayMs = dt;
    // A ban holds the score down until it expires; afterwards decay resumes from the ban's end,
    // starting just above the ban threshold.
    if (this.bannedUntilMs > 0) {
      if (nowMs < this.bannedUntilMs) return;
      decayMs = Math.min(dt, nowMs - this.bannedUntilMs);
      this.bannedUntilMs = 0;
      this.score = Math.max(this.score, SCORE_BAN_THRESHOLD + 1);
    }
    this.score *= Math.pow(0.5, decayMs / SCORE_HALFLIFE_MS);
    // Snap tiny remainders to 0 so a long-idle peer reads exactly neutral.
    if (Math.abs(this.score) < 1e-3) this.score = 0;
  }
}

/** Scores for all peers we know, keyed by peer id string. */
export class PeerScoreStore {
  private readonly scores = new Map<string, PeerScore>();

  constructor(private readonly now: () => number = Date.now) {}

  private get(peerId: string): PeerScore {
    let s = this.scores.get(peerId);
    if (!s) {
      s = new PeerScore(this.now());
      this.scores.set(peerId, s);
    }
    return s;
  }

  getScore(peerId: string): number {
    return this.scores.get(peerId)?.getScore(this.now()) ?? 0;
  }

  getState(peerId: string): ScoreState {
    return this.scores.get(peerId)?.getState(this.now()) ?? ScoreState.Healthy;
  }

  isBanned(peerId: string): boolean {
    return this.scores.get(peerId)?.isBanned(this.now()) ?? false;
  }

  applyAction(peerId: string, action: PeerAction): ScoreState {
    return this.get(peerId).applyAction(action, this.now());
  }

  ban(peerId: string, durationMs?: number): void {
    this.get(peerId).ban(this.now(), durationMs);
  }

  /** Drop entries that have decayed back to neutral and are not banned, to bound memory. */
  prune(keep: (peerId: string) => boolean = () => false): void {
    const now = this.now();
    for (const [id, s] of this.scores) {
      if (keep(id)) continue;
      if (!s.isBanned(now) && s.getScore(now) === 0) this.scores.delete(id);
    }
  }

  size(): number {
    return this.scores.size;
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
