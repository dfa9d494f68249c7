// A BLS worker: verifies one batch of signature sets and answers true only if all of them are valid.
import {parentPort} from "node:worker_threads";
import * as blst from "@chainsafe/blst";
import type {VerifyRequest, VerifyResponse} from "./messages.js";

parentPort?.on("message", (req: VerifyRequest) => {
  let res: VerifyResponse;
  try {
    const sets = req.sets.map((s) => ({
      msg: s.signingRoot,
      // The sender decoded and validated these keys already: decompress without checks again.
      pk: blst.PublicKey.fromBytes(s.pubkey, false),
      sig: blst.Signature.fromBytes(s.signature, false, false),
    }));
    // Signatures were only parsed: blst group-checks them here, as the main-thread batch does.
    res = {id: req.id, valid: blst.verifyMultipleAggregateSignatures(sets, false, true)};
  } catch (e) {
    // Malformed signature bytes: the batch is invalid, not the worker broken.
    res = {id: req.id, valid: false, error: (e as Error).message};
  }
  parentPort?.postMessage(res);
});
