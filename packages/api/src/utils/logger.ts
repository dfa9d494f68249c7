/** The node's logger interface (pino underneath); the api package only needs these four levels. */
export interface Logger {
  error(msg: string, ctx?: Record<string, unknown>): void;
  warn(msg: string, ctx?: Record<string, unknown>): void;
  info(msg: string, ctx?: Record<string, unknown>): void;
  debug(msg: string, ctx?: Record<string, unknown>): void;
}

const noop = (): void => {};
export const noopLogger: Logger = {error: noop, warn: noop, info: noop, debug: noop};
