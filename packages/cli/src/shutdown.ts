import type {Logger} from "@hearth/beacon-node";

/** Runs `close` once on SIGINT or SIGTERM, then exits; a second signal exits at once. */
export function onShutdown(logger: Logger, close: () => Promise<void>): void {
  let closing = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (closing) {
      logger.info("Second signal: exiting now", {signal});
      process.exit(1);
    }
    closing = true;
    logger.info("Shutting down", {signal});
    close().then(
      () => process.exit(0),
      (e) => {
        logger.error("Shutdown failed", {}, e);
        process.exit(1);
      }
    );
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}
