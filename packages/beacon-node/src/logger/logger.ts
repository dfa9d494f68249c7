// One logger interface for the whole node, pino underneath. "human" prints one readable line per
// event; "json" prints pino's JSON lines for log shippers.
import {Writable} from "node:stream";
import pino from "pino";
import {RotatingFile, DEFAULT_LOG_FILE_ROTATION, type RotatingFileOptions} from "./rotatingFile.js";

export type LogLevel = "error" | "warn" | "info" | "debug" | "trace";
export type LogContext = Record<string, unknown>;

export interface Logger {
  error(msg: string, ctx?: LogContext, err?: unknown): void;
  warn(msg: string, ctx?: LogContext, err?: unknown): void;
  info(msg: string, ctx?: LogContext): void;
  debug(msg: string, ctx?: LogContext): void;
  /** A logger that tags every line with `module`. */
  child(module: string): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  format?: "human" | "json";
  /** Also append every line to this file. */
  file?: string;
  /** Size-based rotation of `file` (default 100 MB, 5 old files kept). */
  fileRotation?: RotatingFileOptions;
  /** Where human/json lines go (default stdout). */
  stream?: NodeJS.WritableStream;
}

const LEVEL_NAMES: Record<number, string> = {10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal"};

/** "Nov-21 02:40:01.123 [chain] info: Imported block slot=12 root=0xab…" */
function humanLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const {level, time, msg, module, err, pid: _pid, hostname: _host, ...ctx} = entry;
  const date = new Date(typeof time === "number" ? time : Date.now());
  const stamp = `${date.toLocaleString("en-US", {month: "short"})}-${String(date.getDate()).padStart(2, "0")} ${date.toISOString().slice(11, 23)}`;
  const fields = Object.entries(ctx)
    .map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" ");
  const error = err && typeof err === "object" ? ` - ${(err as {message?: string}).message ?? ""}` : "";
  const tag = module ? `[${String(module)}] ` : "";
  return `${stamp} ${tag}${LEVEL_NAMES[level as number] ?? level}: ${String(msg ?? "")}${fields ? " " + fields : ""}${error}\n`;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const out = opts.stream ?? process.stdout;
  const file = opts.file ? new RotatingFile(opts.file, opts.fileRotation ?? DEFAULT_LOG_FILE_ROTATION) : null;
  const human = (opts.format ?? "human") === "human";
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const text = chunk.toString();
      const line = human ? humanLine(text.trimEnd()) : text;
      out.write(line);
      file?.write(line);
      callback();
    },
  });
  return wrap(pino({level: opts.level ?? "info", base: undefined}, destination));
}

function wrap(p: pino.Logger): Logger {
  const withErr = (ctx: LogContext | undefined, err: unknown): LogContext => (err === undefined ? (ctx ?? {}) : {...ctx, err});
  return {
    error: (msg, ctx, err) => p.error(withErr(ctx, err), msg),
    warn: (msg, ctx, err) => p.warn(withErr(ctx, err), msg),
    info: (msg, ctx) => p.info(ctx ?? {}, msg),
    debug: (msg, ctx) => p.debug(ctx ?? {}, msg),
    child: (module) => wrap(p.child({module})),
  };
}

/** A logger that drops everything: the default in tests and libraries. */
export const noopLogger: Logger = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => noopLogger,
};
