// A log file that rotates by size and keeps a fixed number of old files: hearth.log is the live file,
// hearth.log.1 the newest old one, up to hearth.log.<maxFiles>. A node left running for months must
// not fill its disk with logs. Writes are synchronous appends so a crash loses no line that was logged
// and a rotation never interleaves with a write.
import fs from "node:fs";

export interface RotatingFileOptions {
  /** Rotate when the live file would pass this size (bytes). */
  maxBytes: number;
  /** Old files to keep beside the live one; 0 truncates in place. */
  maxFiles: number;
}

export const DEFAULT_LOG_FILE_ROTATION: RotatingFileOptions = {maxBytes: 100 * 1024 * 1024, maxFiles: 5};

export class RotatingFile {
  private fd: number;
  private size: number;

  constructor(
    readonly path: string,
    private readonly opts: RotatingFileOptions = DEFAULT_LOG_FILE_ROTATION
  ) {
    if (!(opts.maxBytes > 0)) throw new Error(`log file rotation: maxBytes must be positive, got ${opts.maxBytes}`);
    if (!Number.isInteger(opts.maxFiles) || opts.maxFiles < 0) throw new Error(`log file rotation: maxFiles must be a whole number >= 0, got ${opts.maxFiles}`);
    this.fd = fs.openSync(path, "a");
    this.size = fs.fstatSync(this.fd).size;
  }

  write(line: string): void {
    const bytes = Buffer.byteLength(line);
    // a line is never split across files; one longer than maxBytes gets a file of its own
    if (this.size > 0 && this.size + bytes > this.opts.maxBytes) this.rotate();
    fs.writeSync(this.fd, line);
    this.size += bytes;
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  private rotate(): void {
    fs.closeSync(this.fd);
    if (this.opts.maxFiles === 0) {
      this.fd = fs.openSync(this.path, "w");
    } else {
      fs.rmSync(`${this.path}.${this.opts.maxFiles}`, {force: true});
      for (let i = this.opts.maxFiles - 1; i >= 1; i--) {
        if (fs.existsSync(`${this.path}.${i}`)) fs.renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
      }
      fs.renameSync(this.path, `${this.path}.1`);
      this.fd = fs.openSync(this.path, "a");
    }
    this.size = 0;
  }
}
