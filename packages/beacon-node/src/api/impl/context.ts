// What every namespace of the Beacon API implementation shares: the chain, the config, and the
// little state the API itself keeps (proposer preparations, liveness, the genesis state).
import type {BeaconConfig, ChainConfig} from "@hearth/config";
import type {Logger} from "@hearth/api";
import type {CachedBeaconState} from "@hearth/state-transition";
import type {BeaconChain} from "../../chain/index.js";
import type {LivenessTracker} from "./liveness.js";
import type {ProducedPayloadCache} from "./producedPayloads.js";
import type {ApiNetwork} from "./network.js";

export interface ApiContext {
  chain: BeaconChain;
  config: ChainConfig;
  /** For signing domains (the RANDAO reveal check of block production). */
  beaconConfig: BeaconConfig;
  logger: Logger;
  /** The node's version, e.g. "0.1.0". */
  version: string;
  /** The first 4 bytes of the source commit, 0x-hex ("0x00000000" when unknown). */
  commit: string;
  /** The libp2p peer id, once the node has networking. */
  peerId: string | null;
  /** Fee recipients from prepareBeaconProposer, by validator index: block production reads them. */
  feeRecipients: Map<number, Uint8Array>;
  liveness: LivenessTracker;
  isElOffline(): boolean;
  isInitialized(): boolean;
  /** Payloads (and blobs) of blocks this node built, by block hash: blinded publishing and getBlobs read them. */
  producedPayloads: ProducedPayloadCache;
  /** The node's network, when it has one: peers and identity. */
  network: ApiNetwork | null;
  /** The genesis state once loaded (it never changes): see resolve.ts. */
  genesisState: CachedBeaconState | null;
}
