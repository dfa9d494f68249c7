export {createKeymanagerServer, DEFAULT_KEYMANAGER_PORT, type KeymanagerServer, type KeymanagerServerOptions} from "./server.js";
export {ValidatorKeys, type DeleteStatus, type ImportStatus, type SignerHost, type ValidatorKeysOptions} from "./validatorKeys.js";
export {ProposerSettings, ZERO_FEE_RECIPIENT, type ProposerDefaults} from "./proposerSettings.js";
export {API_TOKEN_FILE_NAME, loadOrCreateApiToken} from "./token.js";
export {currentEpochAt, signVoluntaryExit, voluntaryExitToJson, type VoluntaryExitValue} from "./voluntaryExit.js";
