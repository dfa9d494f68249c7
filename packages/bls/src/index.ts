export {BlsError, BlsErrorCode, type BlsErrorDetail} from "./errors.js";
export {
  SECRET_KEY_LENGTH,
  PUBLIC_KEY_LENGTH,
  SIGNATURE_LENGTH,
  G1_POINT_AT_INFINITY,
  G2_POINT_AT_INFINITY,
} from "./constants.js";
export {SecretKey} from "./secretKey.js";
export {PublicKey} from "./publicKey.js";
export {Signature} from "./signature.js";
export type {PublicKeyInput, SignatureInput} from "./inputs.js";
export {verify, aggregateVerify, fastAggregateVerify} from "./verify.js";
export {aggregateSignatures, aggregatePublicKeys} from "./aggregate.js";
export {ethAggregatePubkeys, ethFastAggregateVerify} from "./eth.js";
export {
  type SignatureSet,
  type SingleSignatureSet,
  type AggregateSignatureSet,
  verifySignatureSets,
} from "./signatureSet.js";
export {BlsWorkerPool, type BlsPoolOptions} from "./pool/pool.js";
