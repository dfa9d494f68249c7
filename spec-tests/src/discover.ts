import {readdirSync, statSync, existsSync} from "node:fs";
import path from "node:path";
import type {CaseId} from "./types.js";

export interface CaseFilter {
  forks?: string[];
  runners?: string[];
  handlers?: string[];
}

function subdirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory())
    .sort();
}

/**
 * Every case on disk under tests/<preset>/ and tests/general/, in the official layout
 * <preset>/<fork>/<runner>/<handler>/<suite>/<case>. Nothing is dropped here: what is not bound is
 * counted as not run by the caller.
 */
export function discoverCases(testsDir: string, presets: string[], filter: CaseFilter): CaseId[] {
  const cases: CaseId[] = [];
  for (const preset of presets) {
    for (const fork of subdirs(path.join(testsDir, preset))) {
      if (filter.forks && !filter.forks.includes(fork)) continue;
      for (const runner of subdirs(path.join(testsDir, preset, fork))) {
        if (filter.runners && !filter.runners.includes(runner)) continue;
        for (const handler of subdirs(path.join(testsDir, preset, fork, runner))) {
          if (filter.handlers && !filter.handlers.includes(handler)) continue;
          for (const suite of subdirs(path.join(testsDir, preset, fork, runner, handler))) {
            const suiteDir = path.join(testsDir, preset, fork, runner, handler, suite);
            for (const name of subdirs(suiteDir)) {
              cases.push({preset, fork, runner, handler, suite, name, dir: path.join(suiteDir, name)});
            }
          }
        }
      }
    }
  }
  return cases;
}

/** The case's path below tests/, the form in which the skip list names cases. */
export function casePath(c: CaseId): string {
  return [c.preset, c.fork, c.runner, c.handler, c.suite, c.name].join("/");
}
