// Data availability (deneb blobs, fulu PeerDAS columns): KZG, sidecar building and checks, custody,
// reconstruction, the availability check before import and sidecar storage.
export * as kzg from "./kzg.js";
export * from "./errors.js";
export * from "./sidecars.js";
export * from "./verify.js";
export * from "./matrix.js";
export * from "./custody.js";
export * from "./store.js";
export * from "./pendingBlocks.js";
export * from "./availability.js";
export {checkDataAvailability} from "./importHook.js";
