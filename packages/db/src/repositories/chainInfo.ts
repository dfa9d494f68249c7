import {ContainerType, type Type, type ValueOf} from "@chainsafe/ssz";
import {phase0, Root, UintNum64} from "@hearth/types";
import type {DbBatch} from "../batch.js";
import type {DbCore} from "../core.js";
import {Bucket} from "../keys.js";
import {decodeNodeConfig, encodeNodeConfig, type NodeConfigRecord} from "./nodeConfig.js";
import {Repository} from "./repository.js";

export const GenesisInfo = new ContainerType({genesisTime: UintNum64, genesisValidatorsRoot: Root}, {typeName: "GenesisInfo"});
export type GenesisInfo = ValueOf<typeof GenesisInfo>;

/** Where the node's history starts: genesis, or the checkpoint a checkpoint sync began from. */
export const AnchorInfo = new ContainerType({slot: UintNum64, blockRoot: Root, stateRoot: Root}, {typeName: "AnchorInfo"});
export type AnchorInfo = ValueOf<typeof AnchorInfo>;

export type Checkpoint = phase0.Checkpoint;

interface RecordCodec<T> {
  encode(value: T): Uint8Array;
  decode(raw: Uint8Array): T;
}

function sszCodec<T>(type: Type<T>): RecordCodec<T> {
  return {encode: (v) => type.serialize(v), decode: (raw) => type.deserialize(raw)};
}

class RecordStore<T> extends Repository<null, T> {
  constructor(
    core: DbCore,
    private readonly id: number,
    private readonly name: string,
    private readonly codec: RecordCodec<T>,
  ) {
    super(core, Bucket.chainInfo);
  }
  protected encodeKey(): Uint8Array {
    return Uint8Array.of(this.id);
  }
  protected encodeValue(value: T): Uint8Array {
    return this.codec.encode(value);
  }
  protected decodeValue(raw: Uint8Array): T {
    try {
      return this.codec.decode(raw);
    } catch (e) {
      throw new Error(`${this.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/** One fixed key of the chain info bucket, with a typed value. */
export class ChainInfoRecord<T> {
  private readonly store: RecordStore<T>;

  constructor(core: DbCore, id: number, name: string, codec: RecordCodec<T>) {
    this.store = new RecordStore(core, id, name, codec);
  }

  get(): Promise<T | null> {
    return this.store.get(null);
  }
  put(value: T): Promise<void> {
    return this.store.put(null, value);
  }
  delete(): Promise<void> {
    return this.store.delete(null);
  }
  batchPut(batch: DbBatch, value: T): void {
    this.store.batchPut(batch, null, value);
  }
  batchDelete(batch: DbBatch): void {
    this.store.batchDelete(batch, null);
  }
}

/**
 * What the node needs to resume: head, the justified and finalized checkpoints, genesis, its
 * anchor, and the config record that tells a restart with another network or preset from a resume.
 * Ids are part of the on-disk format: never reuse one.
 */
export class ChainInfoRepository {
  readonly headRoot: ChainInfoRecord<Uint8Array>;
  readonly justifiedCheckpoint: ChainInfoRecord<Checkpoint>;
  readonly finalizedCheckpoint: ChainInfoRecord<Checkpoint>;
  readonly genesis: ChainInfoRecord<GenesisInfo>;
  readonly anchor: ChainInfoRecord<AnchorInfo>;
  readonly nodeConfig: ChainInfoRecord<NodeConfigRecord>;

  constructor(core: DbCore) {
    this.headRoot = new ChainInfoRecord(core, 0x01, "headRoot", sszCodec(Root));
    this.justifiedCheckpoint = new ChainInfoRecord(core, 0x02, "justifiedCheckpoint", sszCodec(phase0.Checkpoint));
    this.finalizedCheckpoint = new ChainInfoRecord(core, 0x03, "finalizedCheckpoint", sszCodec(phase0.Checkpoint));
    this.genesis = new ChainInfoRecord(core, 0x04, "genesis", sszCodec(GenesisInfo));
    this.anchor = new ChainInfoRecord(core, 0x05, "anchor", sszCodec(AnchorInfo));
    this.nodeConfig = new ChainInfoRecord(core, 0x06, "nodeConfig", {encode: encodeNodeConfig, decode: decodeNodeConfig});
  }
}
