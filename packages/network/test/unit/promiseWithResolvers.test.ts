import {strict as assert} from "node:assert";
import "../../src/index.js";

describe("network: Promise.withResolvers on Node 20", () => {
  it("resolves the promise it hands out", async () => {
    const {promise, resolve} = (Promise as unknown as {withResolvers: <T>() => {promise: Promise<T>; resolve: (v: T) => void}}).withResolvers<number>();
    resolve(42);
    assert.equal(await promise, 42);
  });
});
