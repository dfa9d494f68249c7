import {sszTypesFor} from "@hearth/types";
import type {Type} from "@chainsafe/ssz";
import type {RunnerBinding} from "../types.js";
import {readSszSnappy} from "../util/files.js";
import {caseFork, runPrePost, verifySignaturesFor} from "../util/state.js";
import {coreOperations} from "./operations/core.js";
import {executionOperations} from "./operations/execution.js";

const HANDLERS = {...coreOperations, ...executionOperations};

/** operations: one processing call on a pre state; no post state means the operation is invalid. */
export const operations: RunnerBinding = {
  handler(handler) {
    const op = HANDLERS[handler];
    if (!op) return null;
    return (c) => {
      const fork = caseFork(c);
      const type = (sszTypesFor(fork) as unknown as Record<string, Type<unknown>>)[op.type];
      if (!type) throw new Error(`no SSZ type ${op.type} at ${fork}`);
      const operation = type.deserialize(readSszSnappy(c.dir, op.input));
      const verify = verifySignaturesFor(c);
      runPrePost(c, (cs) => op.run(cs, operation, c, verify));
    };
  },
};
