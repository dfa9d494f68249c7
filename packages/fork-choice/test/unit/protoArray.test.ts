import {strict as assert} from "node:assert";
import {MaxHeap} from "../../src/util/maxHeap.js";
import {GENESIS_ROOT, block, genesisStore, root, tickToSlot, vote, rng} from "./utils.js";

describe("ProtoArray: incremental updates", () => {
  it("revisits only the nodes whose weight or best path changed", () => {
    const fc = genesisStore();
    tickToSlot(fc, 200);
    let parent = GENESIS_ROOT;
    for (let slot = 1; slot <= 100; slot++) {
      fc.onBlock(block(slot, root(slot), parent));
      parent = root(slot);
    }
    const [A, B] = [root(0xa00), root(0xb00)];
    fc.onBlock(block(101, A, parent));
    fc.onBlock(block(101, B, parent));
    vote(fc, A, [0, 1, 2, 3, 4]);
    vote(fc, B, [5]);
    assert.equal(fc.getHead().blockRoot, A);
    fc.getHead();
    assert.equal(fc.protoArray.lastUpdateVisits, 0, "nothing changed: nothing visited");

    // one vote moves from A to B in a later epoch: A still wins, so the change stops at their parent
    fc.votes.addLatestMessage(4, 1000, fc.protoArray.getIndex(B) as number);
    assert.equal(fc.getHead().blockRoot, A);
    assert.equal(fc.protoArray.lastUpdateVisits, 3);
    assert.equal(fc.getWeight(B), 2n * 32n * 10n ** 9n);

    // a new vote adds weight to every ancestor: one visit per block of the chain
    fc.votes.addLatestMessage(6, 1000, fc.protoArray.getIndex(B) as number);
    fc.getHead();
    assert.equal(fc.protoArray.lastUpdateVisits, 102);
  });

  it("MaxHeap pops in descending order", () => {
    const r = rng(7);
    const heap = new MaxHeap();
    const values = Array.from({length: 500}, () => Math.floor(r() * 1000));
    for (const v of values) heap.push(v);
    const out: number[] = [];
    for (let v = heap.pop(); v !== undefined; v = heap.pop()) out.push(v);
    assert.deepEqual(out, values.sort((a, b) => b - a));
    assert.equal(heap.size, 0);
  });
});
