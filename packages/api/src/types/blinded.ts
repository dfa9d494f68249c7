// Blinded blocks (beacon-APIs types/<fork>/block.yaml BlindedBeaconBlock): a block whose body holds
// the execution payload's header in place of the payload. Same hash tree root as the full block,
// so the proposer's signature over one is valid for the other.
import {ContainerType, ListCompositeType, type Type} from "@chainsafe/ssz";
import {ForkSeq, type ForkName} from "@hearth/params";
import {ssz, sszTypesFor} from "@hearth/types";
import type {Codec} from "../codecs/codec.js";
import {ApiError} from "../utils/errors.js";

export type ExecutionFork = "bellatrix" | "capella" | "deneb" | "electra" | "fulu";

export function isExecutionFork(fork: ForkName): fork is ExecutionFork {
  return ForkSeq[fork] >= ForkSeq.bellatrix;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
interface BlindedTypes {
  BlindedBeaconBlockBody: ContainerType<any>;
  BlindedBeaconBlock: ContainerType<any>;
  SignedBlindedBeaconBlock: ContainerType<any>;
}

function blindedTypes(fork: ExecutionFork): BlindedTypes {
  const types = sszTypesFor(fork);
  const bodyFields: Record<string, Type<unknown>> = {};
  // the header takes the payload's place: field order is the hash tree root's
  for (const [name, type] of Object.entries((types.BeaconBlockBody as unknown as ContainerType<any>).fields)) {
    if (name === "executionPayload") bodyFields.executionPayloadHeader = types.ExecutionPayloadHeader as unknown as Type<unknown>;
    else bodyFields[name] = type as Type<unknown>;
  }
  const opts = {jsonCase: "eth2" as const};
  const BlindedBeaconBlockBody = new ContainerType(bodyFields, {typeName: "BlindedBeaconBlockBody", ...opts});
  const BlindedBeaconBlock = new ContainerType(
    {slot: ssz.Slot, proposerIndex: ssz.ValidatorIndex, parentRoot: ssz.Root, stateRoot: ssz.Root, body: BlindedBeaconBlockBody},
    {typeName: "BlindedBeaconBlock", ...opts},
  );
  const SignedBlindedBeaconBlock = new ContainerType({message: BlindedBeaconBlock, signature: ssz.BLSSignature}, {typeName: "SignedBlindedBeaconBlock", ...opts});
  return {BlindedBeaconBlockBody, BlindedBeaconBlock, SignedBlindedBeaconBlock};
}

const cache = new Map<ExecutionFork, BlindedTypes>();
export function blindedTypesFor(fork: ExecutionFork): BlindedTypes {
  let t = cache.get(fork);
  if (t === undefined) {
    t = blindedTypes(fork);
    cache.set(fork, t);
  }
  return t;
}

/** A signed blinded block's value: like a signed block, with `executionPayloadHeader` in the body. */
export interface AnySignedBlindedBeaconBlock {
  message: {slot: number; proposerIndex: number; parentRoot: Uint8Array; stateRoot: Uint8Array; body: Record<string, unknown>};
  signature: Uint8Array;
}

export function signedBlindedBlockCodec(fork: ForkName): Codec<AnySignedBlindedBeaconBlock> {
  if (!isExecutionFork(fork)) throw new ApiError(400, `Invalid header Eth-Consensus-Version: no blinded blocks before bellatrix, got ${fork}`);
  return blindedTypesFor(fork).SignedBlindedBeaconBlock as unknown as Codec<AnySignedBlindedBeaconBlock>;
}

/** The blinded form of a full signed block: the payload replaced by its header. */
export function blindSignedBlock(fork: ExecutionFork, signed: {message: {body: Record<string, unknown>}; signature: Uint8Array}): AnySignedBlindedBeaconBlock {
  const types = sszTypesFor(fork);
  const {executionPayload, ...rest} = signed.message.body as {executionPayload: Record<string, unknown>};
  const header: Record<string, unknown> = {};
  const headerType = types.ExecutionPayloadHeader as unknown as ContainerType<any>;
  const payloadType = types.ExecutionPayload as unknown as ContainerType<any>;
  for (const name of Object.keys(headerType.fields)) {
    if (name === "transactionsRoot") header[name] = payloadType.fields.transactions.hashTreeRoot(executionPayload.transactions);
    else if (name === "withdrawalsRoot") header[name] = payloadType.fields.withdrawals.hashTreeRoot(executionPayload.withdrawals);
    else header[name] = executionPayload[name];
  }
  return {...signed, message: {...signed.message, body: {...rest, executionPayloadHeader: header}}} as unknown as AnySignedBlindedBeaconBlock;
}

export const Blobs = new ListCompositeType(ssz.Blob, 4096);
