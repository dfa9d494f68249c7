// The store's latest_messages as flat arrays: per validator, the node its weight sits on now
// (`current`), the node of its latest message (`next`) and that message's epoch. Deltas come from
// the validators that changed since the last head computation, or from all of them when the
// justified balances change.
import {NONE} from "../protoArray/interface.js";

const NO_EPOCH = -1;

export class VoteTracker {
  private current = new Int32Array(0);
  private next = new Int32Array(0);
  private nextEpoch = new Int32Array(0);
  private equivocating = new Uint8Array(0);
  private dirty = new Uint8Array(0);
  private dirtyList: number[] = [];
  /** One more than the highest validator index seen. */
  private size = 0;

  /** `capacity`: the validator count expected, allocated at once rather than grown into. */
  constructor(capacity = 0) {
    if (capacity > 0) this.allocate(capacity);
  }

  /** update_latest_messages for one validator; false when the message is not newer or the validator equivocated. */
  addLatestMessage(validatorIndex: number, targetEpoch: number, nodeIndex: number): boolean {
    this.ensureCapacity(validatorIndex);
    if (this.equivocating[validatorIndex] === 1) return false;
    const epoch = this.nextEpoch[validatorIndex];
    if (epoch !== NO_EPOCH && targetEpoch <= epoch) return false;
    this.nextEpoch[validatorIndex] = targetEpoch;
    this.next[validatorIndex] = nodeIndex;
    this.markDirty(validatorIndex);
    return true;
  }

  /** get_latest_message_epoch, or null without a message. */
  getLatestMessageEpoch(validatorIndex: number): number | null {
    if (validatorIndex >= this.size || this.nextEpoch[validatorIndex] === NO_EPOCH) return null;
    return this.nextEpoch[validatorIndex];
  }

  /** The node of the validator's latest message (NONE when it points to a pruned block or there is none). */
  getLatestMessageNode(validatorIndex: number): number {
    return validatorIndex >= this.size ? NONE : this.next[validatorIndex];
  }

  isEquivocating(validatorIndex: number): boolean {
    return validatorIndex < this.size && this.equivocating[validatorIndex] === 1;
  }

  /** Adds to store.equivocating_indices; the validator's weight leaves the tree at the next update. */
  markEquivocating(validatorIndex: number): void {
    this.ensureCapacity(validatorIndex);
    if (this.equivocating[validatorIndex] === 1) return;
    this.equivocating[validatorIndex] = 1;
    this.markDirty(validatorIndex);
  }

  /**
   * Moves each changed validator's weight from its current node to its latest message's node: minus
   * its old balance there, plus its new balance here, summed per node into `out`. `all` visits every
   * validator, as needed when the balances themselves changed.
   */
  computeDeltas(oldBalances: Uint16Array, newBalances: Uint16Array, all: boolean, out: NodeDeltas): void {
    const {current, next, equivocating} = this;
    const count = all ? this.size : this.dirtyList.length;
    const list = this.dirtyList;
    const oldLength = oldBalances.length;
    const newLength = newBalances.length;
    for (let k = 0; k < count; k++) {
      const i = all ? k : list[k];
      const from = current[i];
      const oldBalance = i < oldLength ? oldBalances[i] : 0;
      if (equivocating[i] === 1) {
        // get_attestation_score skips equivocating validators entirely
        if (from !== NONE) out.add(from, -oldBalance);
        current[i] = NONE;
        next[i] = NONE;
        continue;
      }
      const to = next[i];
      const newBalance = i < newLength ? newBalances[i] : 0;
      if (from === to && oldBalance === newBalance) continue;
      if (from !== NONE) out.add(from, -oldBalance);
      if (to !== NONE) out.add(to, newBalance);
      current[i] = to;
    }
    for (let k = 0; k < list.length; k++) this.dirty[list[k]] = 0;
    this.dirtyList = [];
  }

  /** Follows a prune of the proto-array: node indices move, votes for dropped nodes become NONE. */
  remapNodes(remap: Int32Array): void {
    const {current, next} = this;
    for (let i = 0; i < this.size; i++) {
      if (current[i] !== NONE) current[i] = remap[current[i]];
      if (next[i] !== NONE) next[i] = remap[next[i]];
    }
  }

  private markDirty(i: number): void {
    if (this.dirty[i] === 0) {
      this.dirty[i] = 1;
      this.dirtyList.push(i);
    }
  }

  private ensureCapacity(index: number): void {
    if (index < this.size) return;
    this.size = index + 1;
    if (index < this.current.length) return;
    this.allocate(Math.max(index + 1, this.current.length * 2, 1024));
  }

  private allocate(capacity: number): void {
    const grow = <T extends Int32Array | Uint8Array>(old: T, fill: number): T => {
      const grown = new (old.constructor as new (n: number) => T)(capacity);
      grown.fill(fill);
      grown.set(old);
      return grown;
    };
    this.current = grow(this.current, NONE);
    this.next = grow(this.next, NONE);
    this.nextEpoch = grow(this.nextEpoch, NO_EPOCH);
    this.equivocating = grow(this.equivocating, 0);
    this.dirty = grow(this.dirty, 0);
  }
}

/** Weight deltas per node, with the list of nodes touched so that reading them back costs no scan. */
export class NodeDeltas {
  deltas = new Float64Array(1024);
  touched: number[] = [];

  add(node: number, delta: number): void {
    if (node >= this.deltas.length) {
      const grown = new Float64Array(Math.max(node + 1, this.deltas.length * 2));
      grown.set(this.deltas);
      this.deltas = grown;
    }
    // a node whose running sum returns to 0 may be listed twice: the second read finds 0 and skips it
    if (this.deltas[node] === 0) this.touched.push(node);
    this.deltas[node] += delta;
  }

  /** Hands each non-zero delta to `apply` and resets. */
  drain(apply: (node: number, delta: number) => void): void {
    for (const node of this.touched) {
      const delta = this.deltas[node];
      if (delta === 0) continue;
      this.deltas[node] = 0;
      apply(node, delta);
    }
    this.touched.length = 0;
  }
}
