export {createLogger, noopLogger, type Logger, type LogLevel, type LogContext, type LoggerOptions} from "./logger.js";
