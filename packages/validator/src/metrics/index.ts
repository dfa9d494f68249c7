export {createValidatorMetrics, type ValidatorMetrics} from "./validatorMetrics.js";
export {DutyLedger, type EffectivenessCounts} from "./effectiveness.js";
export {instrumentValidatorApi} from "./instrumentApi.js";
export {startValidatorMetrics, DEFAULT_VALIDATOR_METRICS_PORT} from "./start.js";
