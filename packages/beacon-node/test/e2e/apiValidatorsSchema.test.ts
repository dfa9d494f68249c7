// The whole registry's JSON, written from the state's bytes, against the yaml's getStateValidators
// schema (the conformance test's dev chain asks with filters only; this is the unfiltered path).
import {strict as assert} from "node:assert";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {loadOpenApiSpec, validatorsJsonChunks} from "@hearth/api";
import {filterValidators} from "../../src/api/impl/beacon/validators.js";
import {buildRegistryState, SHAPES} from "../unit/api/registryFixture.js";

const SHARED = process.env.HEARTH_SHARED ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../../../shared");

describe("validators from the registry's bytes against the Beacon API yaml", function () {
  this.timeout(60_000);

  it("the unfiltered and a filtered JSON body validate, every status present", () => {
    const spec = loadOpenApiSpec(path.join(SHARED, "apis/beacon-APIs/beacon-node-oapi.yaml"));
    const cs = buildRegistryState(2 * SHAPES.length);
    for (const statuses of [undefined, ["active" as const, "withdrawal_done" as const]]) {
      const chunks = [...validatorsJsonChunks(filterValidators(cs, undefined, statuses))];
      const data = chunks.map((c) => (typeof c === "string" ? c : Buffer.from(c).toString("latin1"))).join("");
      const body = JSON.parse(`{"execution_optimistic":false,"finalized":false,"data":${data}}`) as {data: {status: string}[]};
      if (statuses === undefined) assert.equal(new Set(body.data.map((v) => v.status)).size, 9);
      else assert.ok(body.data.length > 0 && body.data.length < 2 * SHAPES.length);
      assert.equal(spec.validateResponse("getStateValidators", 200, body), null);
    }
  });
});
