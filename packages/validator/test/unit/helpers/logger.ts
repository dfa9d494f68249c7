import type {Logger} from "@hearth/api";

export interface LogLine {
  level: string;
  msg: string;
  ctx?: Record<string, unknown>;
}

/** A Logger that keeps every line, for assertions. */
export function recordingLogger(): Logger & {lines: LogLine[]} {
  const lines: LogLine[] = [];
  const at = (level: string) => (msg: string, ctx?: Record<string, unknown>) => void lines.push({level, msg, ctx});
  return {lines, error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug")};
}
