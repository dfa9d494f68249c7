// Reads a libp2p stream's source incrementally: the decoder asks for the exact bytes it needs next,
// so no more than one network chunk beyond the current frame is ever buffered, and a stream that
// stops sending is noticed by the caller's timer (which aborts the stream and ends the iterator).
import {Uint8ArrayList} from "uint8arraylist";

/** What a stream yields: Uint8Array or any Uint8ArrayList version (libp2p bundles its own). */
export type ByteChunk = Uint8Array | {subarray(): Uint8Array};

export class BufferedSource {
  private readonly buffer = new Uint8ArrayList();
  private done = false;
  /** Bytes handed out so far (for max_compressed_len accounting and metrics). */
  bytesRead = 0;

  constructor(private readonly source: AsyncIterator<ByteChunk>) {}

  static from(source: AsyncIterable<ByteChunk>): BufferedSource {
    return new BufferedSource(source[Symbol.asyncIterator]());
  }

  /** Pulls one chunk from the source; false once the source has ended. */
  private async pull(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.source.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    const chunk = next.value instanceof Uint8Array ? next.value : next.value.subarray();
    if (chunk.length > 0) this.buffer.append(chunk);
    return true;
  }

  /** Ensures `n` bytes are buffered; false if the source ended first. */
  private async ensure(n: number): Promise<boolean> {
    while (this.buffer.length < n) {
      if (!(await this.pull())) return false;
    }
    return true;
  }

  /** The next byte, or null at the end of the stream. */
  async readByte(): Promise<number | null> {
    if (!(await this.ensure(1))) return null;
    const byte = this.buffer.get(0);
    this.buffer.consume(1);
    this.bytesRead += 1;
    return byte;
  }

  /** The next byte without consuming it, or null at the end of the stream. */
  async peekByte(): Promise<number | null> {
    if (!(await this.ensure(1))) return null;
    return this.buffer.get(0);
  }

  /** Exactly `n` bytes, or null if the stream ends before (what was there is consumed). */
  async readExactly(n: number): Promise<Uint8Array | null> {
    if (!(await this.ensure(n))) {
      this.bytesRead += this.buffer.length;
      this.buffer.consume(this.buffer.length);
      return null;
    }
    const out = this.buffer.slice(0, n);
    this.buffer.consume(n);
    this.bytesRead += n;
    return out;
  }

  /** True when nothing is buffered and the source has ended. */
  async atEnd(): Promise<boolean> {
    return !(await this.ensure(1));
  }

  /** Lets the underlying source clean up (e.g. stop a stream read) when reading stops early. */
  async close(): Promise<void> {
    this.done = true;
    await this.source.return?.();
  }
}
