// The event stream's blob_sidecar and data_column_sidecar topics, from the sidecars the chain stores
// with an imported block (chain/dataAvailability tells its listeners once they are written).
import {toHex} from "@hearth/config";
import {kzgCommitmentToVersionedHash} from "@hearth/state-transition";
import type {AvailableData} from "./dataAvailability/index.js";
import {ChainEvent, type ChainEventEmitter} from "./emitter.js";

export function emitSidecarEvents(emitter: ChainEventEmitter, data: AvailableData): void {
  if (data.kind === "none") return;
  const blockRoot = toHex(data.blockRoot);
  if (data.kind === "blobs") {
    if (emitter.listenerCount(ChainEvent.blobSidecar) === 0) return;
    for (const s of data.sidecars) {
      emitter.emit(ChainEvent.blobSidecar, {
        blockRoot,
        index: s.index,
        slot: s.signedBlockHeader.message.slot,
        kzgCommitment: s.kzgCommitment,
        versionedHash: kzgCommitmentToVersionedHash(s.kzgCommitment),
      });
    }
    return;
  }
  if (emitter.listenerCount(ChainEvent.dataColumnSidecar) === 0) return;
  for (const s of data.sidecars) {
    emitter.emit(ChainEvent.dataColumnSidecar, {blockRoot, index: s.index, slot: s.signedBlockHeader.message.slot});
  }
}
