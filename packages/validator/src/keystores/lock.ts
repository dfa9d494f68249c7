// One lock file per keystore, so that two processes never sign with one key. The file is created
// exclusively (O_EXCL) and names its owner: pid, and on Linux the boot id and the process's start
// time. A lock whose owner is gone was left by a crash and is taken over with a warning; a lock whose
// owner lives refuses the key. The pid alone is not enough: after a reboot or a container restart
// the same pid is handed out again (often to this very process), and a crashed client must not then
// be locked out of its own keys.
import fs from "node:fs";
import {noopLogger, type Logger} from "@hearth/api";
import {KeystoreError, KeystoreErrorCode} from "./errors.js";

export const LOCK_SUFFIX = ".lock";

export interface KeystoreLock {
  readonly path: string;
  /** Removes the lock file if this process still owns it. */
  release(): void;
}

/** Who holds a lock: what the file says, and what this process writes into its own. */
interface Owner {
  pid: number;
  /** /proc/sys/kernel/random/boot_id; null where there is none (not Linux, or an old lock). */
  bootId: string | null;
  /** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot. */
  startTime: string | null;
}

/** Lock paths this process holds now: a lock file naming our pid that is not here is stale. */
const heldHere = new Set<string>();

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return null;
  }
}

function bootId(): string | null {
  return readText("/proc/sys/kernel/random/boot_id");
}

function startTimeOf(pid: number): string | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // the command name (field 2) may hold spaces and parentheses: count from after its last ")"
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields[22 - 3] ?? null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function ownContent(): string {
  return [process.pid, bootId() ?? "-", startTimeOf(process.pid) ?? "-"].join(" ");
}

/** The owner a lock file names, or null when it is unreadable (written half-way by a crash). */
function readOwner(lockPath: string): Owner | null {
  const text = readText(lockPath);
  if (text === null) return null;
  const [pidText, boot, start] = text.split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return {pid, bootId: boot === undefined || boot === "-" ? null : boot, startTime: start === undefined || start === "-" ? null : start};
}

/** Why the owner of `lockPath` still holds it, or null when it is gone. */
function liveOwner(lockPath: string, owner: Owner): string | null {
  if (owner.pid === process.pid) return heldHere.has(lockPath) ? "this process" : null;
  if (!isAlive(owner.pid)) return null;
  const boot = bootId();
  if (owner.bootId !== null && boot !== null && owner.bootId !== boot) return null;
  const start = startTimeOf(owner.pid);
  if (owner.startTime !== null && start !== null && owner.startTime !== start) return null;
  return "another live process";
}

/** Locks `keystorePath` for this process; throws KeystoreError LOCKED when a live process holds it. */
export function lockKeystore(keystorePath: string, logger: Logger = noopLogger): KeystoreLock {
  const lockPath = keystorePath + LOCK_SUFFIX;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx", 0o600);
      fs.writeSync(fd, ownContent());
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      if (attempt > 0) throw new KeystoreError(KeystoreErrorCode.LOCKED, {keystore: keystorePath, lock: lockPath, reason: "lock re-created while taking over"});
      const owner = readOwner(lockPath);
      const holder = owner === null ? null : liveOwner(lockPath, owner);
      if (owner !== null && holder !== null) {
        throw new KeystoreError(KeystoreErrorCode.LOCKED, {keystore: keystorePath, lock: lockPath, pid: owner.pid, reason: holder});
      }
      logger.warn("Stale keystore lock from a process that is gone, taking it over", {lock: lockPath, pid: owner?.pid ?? "unreadable"});
      fs.rmSync(lockPath, {force: true});
    }
  }
  heldHere.add(lockPath);
  let released = false;
  return {
    path: lockPath,
    release() {
      if (released) return;
      released = true;
      heldHere.delete(lockPath);
      if (readOwner(lockPath)?.pid === process.pid) fs.rmSync(lockPath, {force: true});
    },
  };
}
