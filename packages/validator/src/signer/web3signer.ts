// Remote signing over the Web3Signer HTTP API (consensus-layer routes): the key stays in the
// remote signer; we send the message, its fork info and the signing root, and check that what comes
// back is a valid signature of that root by that key before using it.
import type {Type} from "@chainsafe/ssz";
import {SLOTS_PER_EPOCH, isForkAtLeast} from "@hearth/params";
import {bytesEqual, fromHex, toHex, type BeaconConfig} from "@hearth/config";
import {altair, electra, phase0, sszTypesFor} from "@hearth/types";
import {verify} from "@hearth/bls";
import {ValidatorRegistration} from "@hearth/api";
import type {AggregateAndProofAllForks, SigningRequest} from "./messages.js";
import {RequestSigner, type SignFn} from "./signer.js";
import {guardSignFn, type SigningGuards} from "./guarded.js";
import {RemoteSignerError, RemoteSignerErrorCode} from "./errors.js";

export const WEB3SIGNER_SIGN_PATH = "/api/v1/eth2/sign/";
export const WEB3SIGNER_KEYS_PATH = "/api/v1/eth2/publicKeys";

export interface Web3SignerOptions {
  /** Base URL of the remote signer, e.g. http://127.0.0.1:9000 */
  url: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 5_000;

function epochOfSlot(slot: number): number {
  return Math.floor(slot / SLOTS_PER_EPOCH);
}

/** The epoch whose domain signs `message`: the fork of that epoch goes into fork_info (null: no fork, a builder registration). */
function signingEpoch(request: SigningRequest): number | null {
  const m = request.message;
  switch (m.type) {
    case "block":
      return epochOfSlot(m.block.slot);
    case "randao":
      return m.epoch;
    case "attestation":
      return m.data.target.epoch;
    case "aggregateAndProof":
      return epochOfSlot(m.aggregateAndProof.aggregate.data.slot);
    case "selectionProof":
    case "syncCommitteeMessage":
    case "syncSelectionProof":
      return epochOfSlot(m.slot);
    case "contributionAndProof":
      return epochOfSlot(m.contributionAndProof.contribution.slot);
    case "validatorRegistration":
      return null;
  }
}

/** The body Web3Signer's POST /api/v1/eth2/sign/{identifier} takes for `request`. */
export function web3SignerRequestBody(config: BeaconConfig, request: SigningRequest): Record<string, unknown> {
  const m = request.message;
  const epoch = signingEpoch(request);
  if (m.type === "validatorRegistration" || epoch === null) {
    // Web3Signer's VALIDATOR_REGISTRATION has no fork_info: its domain is fork-independent
    const registration = m.type === "validatorRegistration" ? ValidatorRegistration.toJson(m.registration) : undefined;
    return {type: "VALIDATOR_REGISTRATION", signingRoot: toHex(request.signingRoot), validator_registration: registration};
  }
  const common = {
    fork_info: {fork: phase0.Fork.toJson(config.stateForkAtEpoch(epoch)), genesis_validators_root: toHex(config.genesisValidatorsRoot)},
    signingRoot: toHex(request.signingRoot),
  };
  switch (m.type) {
    case "block": {
      const types = sszTypesFor(m.fork);
      const version = m.fork.toUpperCase();
      // from bellatrix the signer is sent the header (the body is large); the root is the same
      if (isForkAtLeast(m.fork, "bellatrix")) {
        const bodyType = types.BeaconBlockBody as unknown as Type<unknown>;
        const header = {
          slot: m.block.slot,
          proposerIndex: m.block.proposerIndex,
          parentRoot: m.block.parentRoot,
          stateRoot: m.block.stateRoot,
          bodyRoot: bodyType.hashTreeRoot(m.block.body),
        };
        return {...common, type: "BLOCK_V2", beacon_block: {version, block_header: phase0.BeaconBlockHeader.toJson(header)}};
      }
      const blockType = types.BeaconBlock as unknown as Type<unknown>;
      return {...common, type: "BLOCK_V2", beacon_block: {version, block: blockType.toJson(m.block)}};
    }
    case "randao":
      return {...common, type: "RANDAO_REVEAL", randao_reveal: {epoch: String(m.epoch)}};
    case "attestation":
      return {...common, type: "ATTESTATION", attestation: phase0.AttestationData.toJson(m.data)};
    case "aggregateAndProof": {
      const electraOn = isForkAtLeast(m.fork, "electra");
      const type = (electraOn ? electra.AggregateAndProof : phase0.AggregateAndProof) as Type<AggregateAndProofAllForks>;
      const data = type.toJson(m.aggregateAndProof);
      return {...common, type: "AGGREGATE_AND_PROOF_V2", aggregate_and_proof: {version: m.fork.toUpperCase(), data}};
    }
    case "selectionProof":
      return {...common, type: "AGGREGATION_SLOT", aggregation_slot: {slot: String(m.slot)}};
    case "syncCommitteeMessage":
      return {...common, type: "SYNC_COMMITTEE_MESSAGE", sync_committee_message: {beacon_block_root: toHex(m.blockRoot), slot: String(m.slot)}};
    case "syncSelectionProof":
      return {
        ...common,
        type: "SYNC_COMMITTEE_SELECTION_PROOF",
        sync_aggregator_selection_data: {slot: String(m.slot), subcommittee_index: String(m.subcommitteeIndex)},
      };
    case "contributionAndProof":
      return {...common, type: "SYNC_COMMITTEE_CONTRIBUTION_AND_PROOF", contribution_and_proof: altair.ContributionAndProof.toJson(m.contributionAndProof)};
  }
}

async function call(opts: Web3SignerOptions, path: string, init: RequestInit): Promise<Response> {
  const url = opts.url.replace(/\/+$/, "") + path;
  try {
    return await (opts.fetch ?? globalThis.fetch)(url, {...init, signal: AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS)});
  } catch (e) {
    throw new RemoteSignerError(RemoteSignerErrorCode.UNREACHABLE, {url, reason: (e as Error).message});
  }
}

/** A signature from Web3Signer's answer: JSON {"signature": "0x…"} or the bare hex as text/plain. */
function parseSignature(text: string, url: string): Uint8Array {
  let hex: unknown = text.trim();
  if ((hex as string).startsWith("{")) {
    try {
      hex = (JSON.parse(hex as string) as {signature?: unknown}).signature;
    } catch {
      throw new RemoteSignerError(RemoteSignerErrorCode.INVALID_RESPONSE, {url, reason: "malformed JSON"});
    }
  }
  if (typeof hex !== "string" || !/^0x[0-9a-fA-F]{192}$/.test(hex)) {
    throw new RemoteSignerError(RemoteSignerErrorCode.INVALID_RESPONSE, {url, reason: "not a 96-byte hex signature"});
  }
  return fromHex(hex);
}

/** A SignFn that asks Web3Signer, and refuses an answer that is not a valid signature of the root by the key. */
export function createWeb3SignerSignFn(config: BeaconConfig, opts: Web3SignerOptions): SignFn {
  return async (request) => {
    const identifier = toHex(request.pubkey);
    const path = WEB3SIGNER_SIGN_PATH + identifier;
    const res = await call(opts, path, {
      method: "POST",
      headers: {"content-type": "application/json", accept: "application/json"},
      body: JSON.stringify(web3SignerRequestBody(config, request)),
    });
    const text = await res.text();
    if (res.status !== 200) {
      throw new RemoteSignerError(RemoteSignerErrorCode.HTTP_ERROR, {url: opts.url + path, status: res.status, reason: text.slice(0, 200)});
    }
    const signature = parseSignature(text, opts.url + path);
    // verify() answers false for bytes that are no point, so a garbage answer cannot throw past here
    if (!verify(request.pubkey, request.signingRoot, signature)) throw new RemoteSignerError(RemoteSignerErrorCode.INVALID_RESPONSE, {url: opts.url + path, reason: "signature does not verify"});
    return signature;
  };
}

/** GET /api/v1/eth2/publicKeys: the keys the remote signer holds. */
export async function listWeb3SignerKeys(opts: Web3SignerOptions): Promise<Uint8Array[]> {
  const res = await call(opts, WEB3SIGNER_KEYS_PATH, {method: "GET", headers: {accept: "application/json"}});
  const text = await res.text();
  if (res.status !== 200) throw new RemoteSignerError(RemoteSignerErrorCode.HTTP_ERROR, {url: opts.url, status: res.status, reason: text.slice(0, 200)});
  let keys: unknown;
  try {
    keys = JSON.parse(text);
  } catch {
    throw new RemoteSignerError(RemoteSignerErrorCode.INVALID_RESPONSE, {url: opts.url, reason: "publicKeys: malformed JSON"});
  }
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === "string" && /^0x[0-9a-fA-F]{96}$/.test(k))) {
    throw new RemoteSignerError(RemoteSignerErrorCode.INVALID_RESPONSE, {url: opts.url, reason: "publicKeys: not an array of 48-byte hex keys"});
  }
  const out: Uint8Array[] = [];
  for (const k of keys as string[]) if (!out.some((o) => bytesEqual(o, fromHex(k)))) out.push(fromHex(k));
  return out;
}

/** A Signer for a key held by Web3Signer; with `guards`, slashing (and doppelganger) protection run here first. */
export function createRemoteSigner(pubkey: Uint8Array, config: BeaconConfig, opts: Web3SignerOptions, guards?: SigningGuards): RequestSigner {
  const sign = createWeb3SignerSignFn(config, opts);
  return new RequestSigner(pubkey, config, guards === undefined ? sign : guardSignFn(sign, config, guards));
}
