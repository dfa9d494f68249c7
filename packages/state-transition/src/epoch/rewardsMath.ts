// Exact integer arithmetic for reward formulas whose intermediate products can pass 2**53.

/** The spec's a * b // c on uint64s: in doubles when the product is exact, in bigint otherwise. */
export function mulDiv(a: number, b: number, c: number): number {
  const product = a * b;
  // Below 2**53 the product is exact, and so is the floor of its quotient (the rounding error of a
  // quotient below 2**53 is smaller than its distance to the next integer).
  if (product <= Number.MAX_SAFE_INTEGER) return Math.floor(product / c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** The rewards and penalties of one component, per validator, as the spec's Deltas. */
export interface Deltas {
  rewards: Float64Array;
  penalties: Float64Array;
}

export function newDeltas(n: number): Deltas {
  return {rewards: new Float64Array(n), penalties: new Float64Array(n)};
}
