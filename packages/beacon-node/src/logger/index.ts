export {createLogger, noopLogger, type Logger, type LogLevel, type LogContext, type LoggerOptions} from "./logger.js";
export {RotatingFile, DEFAULT_LOG_FILE_ROTATION, type RotatingFileOptions} from "./rotatingFile.js";
