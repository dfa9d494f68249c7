import {digest} from "@chainsafe/as-sha256";
import {DOMAIN_RANDAO, EPOCHS_PER_HISTORICAL_VECTOR} from "@hearth/params";
import {ssz} from "@hearth/types";
import {computeSigningRoot} from "@hearth/config";
import {verify} from "@hearth/bls";
import type {CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";
import {getDomain} from "../util/domain.js";
import {getRandaoMix} from "../util/seed.js";
import {getBeaconProposerIndex} from "../util/proposer.js";
import {xor} from "../util/bytes.js";

/** process_randao (phase0 beacon-chain.md "RANDAO"); unchanged through fulu. */
export function processRandao(cs: CachedBeaconState, body: {randaoReveal: Uint8Array}, verifySignatures = true): void {
  const {state} = cs;
  const epoch = getCurrentEpoch(state);
  if (verifySignatures) {
    const proposerIndex = getBeaconProposerIndex(cs);
    const signingRoot = computeSigningRoot(ssz.Epoch, epoch, getDomain(state, DOMAIN_RANDAO));
    if (!verify(cs.epochCtx.pubkeyCache.getPubkey(proposerIndex), signingRoot, body.randaoReveal)) {
      throw new Error("process_randao: invalid randao reveal");
    }
  }
  const mix = xor(getRandaoMix(state, epoch), digest(body.randaoReveal));
  state.randaoMixes.set(epoch % EPOCHS_PER_HISTORICAL_VECTOR, mix);
}
