import {blockRoutes} from "./blocks.js";
import {poolRoutes} from "./pool.js";
import {stateRoutes} from "./state.js";

export {BROADCAST_VALIDATIONS, type BroadcastValidation} from "./blocks.js";
export {attestationListCodec, attesterSlashingCodec, submittedAttestationsCodec, type SubmittedAttestation} from "./pool.js";

/** The beacon namespace: genesis, states, headers, blocks, pool. */
export const beaconRoutes = {...stateRoutes, ...blockRoutes, ...poolRoutes};
