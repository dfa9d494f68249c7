// Shared by the crash test and its child process.
export const CRASH_SECRET_KEY_IKM = new Uint8Array(32).fill(7);
export const CRASH_GVR = new Uint8Array(32).fill(0x42);
/** Steps a run signs: one block and one attestation at each. */
export const STEPS_PER_RUN = 10;
