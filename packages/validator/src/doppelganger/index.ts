export {DoppelgangerService, DEFAULT_DOPPELGANGER_EPOCHS, type DoppelgangerOptions, type DoppelgangerStatus} from "./doppelganger.js";
export {DoppelgangerError, DoppelgangerErrorCode, type DoppelgangerErrorDetail} from "./errors.js";
