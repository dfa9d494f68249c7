import {chainConfigSchema, type FieldKind} from "./schema.js";

/** One entry of BLOB_SCHEDULE (fulu beacon-chain.md, EIP-7892): from EPOCH on, at most MAX_BLOBS_PER_BLOCK. */
export interface BlobScheduleEntry {
  readonly EPOCH: number;
  readonly MAX_BLOBS_PER_BLOCK: number;
}

type ValueOfKind<K extends FieldKind> = K extends "uint" | "epoch"
  ? number
  : K extends "uint256"
    ? bigint
    : K extends "bytes4" | "bytes20" | "bytes32"
      ? Uint8Array
      : K extends "string"
        ? string
        : K extends "blobSchedule"
          ? readonly BlobScheduleEntry[]
          : never;

/** A value of a key Hearth does not type (later forks, features, retired keys): kept as written. */
export type UntypedConfigValue = string | readonly UntypedConfigValue[] | {readonly [key: string]: UntypedConfigValue};

export type ChainConfigValue = number | bigint | string | Uint8Array | readonly BlobScheduleEntry[] | UntypedConfigValue;

/** Every typed key of config.yaml, each with its value type (schema.ts says which). */
export type TypedChainConfig = {
  readonly [K in keyof typeof chainConfigSchema]: ValueOfKind<(typeof chainConfigSchema)[K]>;
};

/**
 * A network's chain config: the typed keys, plus any other key the file had (GLOAS_*, HEZE_*, EIP*,
 * retired keys), kept with its text as written so that it can be served back unchanged.
 */
export type ChainConfig = TypedChainConfig & {readonly [key: string]: ChainConfigValue};
