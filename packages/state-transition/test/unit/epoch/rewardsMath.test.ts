import {strict as assert} from "node:assert";
import {mulDiv} from "../../../src/epoch/rewardsMath.js";

describe("mulDiv", () => {
  const exact = (a: number, b: number, c: number): number => Number((BigInt(a) * BigInt(b)) / BigInt(c));

  it("is floor(a * b / c) below 2**53", () => {
    assert.equal(mulDiv(7, 3, 2), 10);
    assert.equal(mulDiv(2 ** 26, 2 ** 26, 3), exact(2 ** 26, 2 ** 26, 3));
    // a quotient just below an integer must not round up to it
    assert.equal(mulDiv(2 ** 52 - 1, 1, 2 ** 52), 0);
  });

  it("stays exact when the product passes 2**53 (inactivity penalty of a high score)", () => {
    const effectiveBalance = 2048e9;
    const score = 123_456_789;
    const denominator = 4 * 2 ** 24;
    assert.equal(mulDiv(effectiveBalance, score, denominator), exact(effectiveBalance, score, denominator));
    assert.equal(mulDiv(32e9, 2 ** 40 + 1, 3), exact(32e9, 2 ** 40 + 1, 3));
  });
});
