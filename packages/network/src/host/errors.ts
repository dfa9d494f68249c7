export enum NetworkErrorCode {
  /** <dataDir>/peer-id.json exists but is not a peer id we wrote (refuse to replace an identity). */
  PEER_ID_FILE_INVALID = "NETWORK_PEER_ID_FILE_INVALID",
  /** A --directPeers entry is not a multiaddr with a /p2p/<peerId>. */
  INVALID_DIRECT_PEER = "NETWORK_INVALID_DIRECT_PEER",
  /** A bootnode is not a decodable ENR. */
  INVALID_BOOTNODE = "NETWORK_INVALID_BOOTNODE",
  /** The network was used before init() finished or after close(). */
  NOT_RUNNING = "NETWORK_NOT_RUNNING",
}

/** A network setup or runtime error with a code; `details` carries the offending value. */
export class NetworkError extends Error {
  constructor(
    readonly code: NetworkErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "NetworkError";
  }
}
