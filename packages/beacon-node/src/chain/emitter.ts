// The chain's events, shaped after the Beacon API's event stream (/eth/v1/events): roots as 0x-hex,
// numbers as numbers. The API implementation turns them into SSE messages.
import {EventEmitter} from "node:events";
import type {RootHex} from "@hearth/fork-choice";
import type {ForkName} from "@hearth/params";
import type {capella} from "@hearth/types";

export enum ChainEvent {
  head = "head",
  block = "block",
  finalizedCheckpoint = "finalized_checkpoint",
  justifiedCheckpoint = "justified_checkpoint",
  chainReorg = "chain_reorg",
  /** An attestation accepted into the pool (API or gossip). */
  attestation = "attestation",
  voluntaryExit = "voluntary_exit",
  blsToExecutionChange = "bls_to_execution_change",
  proposerSlashing = "proposer_slashing",
  attesterSlashing = "attester_slashing",
  contributionAndProof = "contribution_and_proof",
  /** Payload attributes computed for building a payload (sent to the engine with forkchoiceUpdated). */
  payloadAttributes = "payload_attributes",
  /** A blob sidecar stored with its imported block. */
  blobSidecar = "blob_sidecar",
  /** A data column sidecar stored with its imported block. */
  dataColumnSidecar = "data_column_sidecar",
  /** The clock entered a slot (after fork choice was ticked). */
  clockSlot = "clock_slot",
  clockEpoch = "clock_epoch",
}

export interface HeadEventData {
  slot: number;
  block: RootHex;
  state: RootHex;
  epochTransition: boolean;
  previousDutyDependentRoot: RootHex;
  currentDutyDependentRoot: RootHex;
  executionOptimistic: boolean;
}

export interface BlockEventData {
  slot: number;
  block: RootHex;
  executionOptimistic: boolean;
}

export interface CheckpointEventData {
  block: RootHex;
  state: RootHex;
  epoch: number;
  executionOptimistic: boolean;
}

export interface ChainReorgEventData {
  slot: number;
  depth: number;
  oldHeadBlock: RootHex;
  newHeadBlock: RootHex;
  oldHeadState: RootHex;
  newHeadState: RootHex;
  epoch: number;
  executionOptimistic: boolean;
}

/** The payload_attributes event: what the engine was asked to build, and on which parent. */
export interface PayloadAttributesEventData {
  /** The fork at the proposal slot. */
  fork: ForkName;
  proposerIndex: number;
  proposalSlot: number;
  parentBlockNumber: number;
  parentBlockRoot: RootHex;
  parentBlockHash: RootHex;
  payloadAttributes: {
    timestamp: number;
    prevRandao: Uint8Array;
    suggestedFeeRecipient: Uint8Array;
    /** capella and later */
    withdrawals?: capella.Withdrawal[];
    /** deneb and later */
    parentBeaconBlockRoot?: Uint8Array;
  };
}

export interface BlobSidecarEventData {
  blockRoot: RootHex;
  index: number;
  slot: number;
  kzgCommitment: Uint8Array;
  /** kzg_to_versioned_hash of the commitment. */
  versionedHash: Uint8Array;
}

export interface DataColumnSidecarEventData {
  blockRoot: RootHex;
  index: number;
  slot: number;
}

export interface ChainEventData {
  [ChainEvent.head]: HeadEventData;
  [ChainEvent.block]: BlockEventData;
  [ChainEvent.finalizedCheckpoint]: CheckpointEventData;
  [ChainEvent.justifiedCheckpoint]: CheckpointEventData;
  [ChainEvent.chainReorg]: ChainReorgEventData;
  [ChainEvent.attestation]: unknown;
  [ChainEvent.voluntaryExit]: unknown;
  [ChainEvent.blsToExecutionChange]: unknown;
  [ChainEvent.proposerSlashing]: unknown;
  [ChainEvent.attesterSlashing]: unknown;
  [ChainEvent.contributionAndProof]: unknown;
  [ChainEvent.payloadAttributes]: PayloadAttributesEventData;
  [ChainEvent.blobSidecar]: BlobSidecarEventData;
  [ChainEvent.dataColumnSidecar]: DataColumnSidecarEventData;
  [ChainEvent.clockSlot]: number;
  [ChainEvent.clockEpoch]: number;
}

/** An EventEmitter whose events and payloads are typed. A listener that throws is logged, never breaks the chain. */
export class ChainEventEmitter {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Many API subscribers may listen at once.
    this.emitter.setMaxListeners(1000);
  }

  on<E extends ChainEvent>(event: E, listener: (data: ChainEventData[E]) => void): void {
    this.emitter.on(event, listener);
  }

  off<E extends ChainEvent>(event: E, listener: (data: ChainEventData[E]) => void): void {
    this.emitter.off(event, listener);
  }

  once<E extends ChainEvent>(event: E, listener: (data: ChainEventData[E]) => void): void {
    const wrapped = (data: ChainEventData[E]): void => {
      this.off(event, wrapped);
      listener(data);
    };
    this.on(event, wrapped);
  }

  /** Calls each listener; one that throws does not stop the others. */
  emit<E extends ChainEvent>(event: E, data: ChainEventData[E]): void {
    for (const listener of this.emitter.listeners(event)) {
      try {
        (listener as (d: ChainEventData[E]) => void)(data);
      } catch {
        // a broken subscriber must not break block import
      }
    }
  }

  listenerCount(event: ChainEvent): number {
    return this.emitter.listenerCount(event);
  }
}
