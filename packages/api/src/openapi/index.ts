// The Beacon and Keymanager API specs loaded at run time: operations as data and ajv validators.
export {OpenApiBundle, OpenApiError, type Located} from "./bundle.js";
export {OAPI_FORKS, readOperations, type OapiContent, type OapiOperation, type OapiParameter} from "./operations.js";
export {JSON_CONTENT, loadOpenApiSpec, MINIMAL_PRESET_SIZES, type LoadOptions, type OpenApiSpec, type ValidateOptions} from "./spec.js";
export {compareToExample, loadEventExamples} from "./events.js";
