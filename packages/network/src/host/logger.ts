/**
 * The logger the network code writes to: structurally the beacon node's Logger (which the network
 * package may not import), so the node passes its own logger straight in.
 */
export interface NetworkLogger {
  error(msg: string, ctx?: Record<string, unknown>, err?: unknown): void;
  warn(msg: string, ctx?: Record<string, unknown>, err?: unknown): void;
  info(msg: string, ctx?: Record<string, unknown>): void;
  debug(msg: string, ctx?: Record<string, unknown>): void;
  child?(module: string): NetworkLogger;
}

export function childLogger(logger: NetworkLogger, module: string): NetworkLogger {
  return logger.child ? logger.child(module) : logger;
}

/** For tests and tools that do not care about logs. */
export const silentLogger: NetworkLogger = {error() {}, warn() {}, info() {}, debug() {}};
