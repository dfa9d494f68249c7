/** A signature set as it crosses to a worker: the (aggregated) pubkey compressed, root and signature as bytes. */
export interface WireSignatureSet {
  pubkey: Uint8Array;
  signingRoot: Uint8Array;
  signature: Uint8Array;
}

export interface VerifyRequest {
  id: number;
  sets: WireSignatureSet[];
}

export interface VerifyResponse {
  id: number;
  valid: boolean;
  error?: string;
}
