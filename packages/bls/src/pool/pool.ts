// Batch verification off the main thread (DESIGN.md: "verified as one batch on the bls worker pool").
// A batch is split into one chunk per worker; it is valid only if every chunk is. Keys are aggregated
// here first (setPublicKey, as the main-thread batch does), so a worker gets one key per set.
import os from "node:os";
import {Worker} from "node:worker_threads";
import {SIGNATURE_LENGTH} from "../constants.js";
import {setPublicKey, type SignatureSet} from "../signatureSet.js";
import type {VerifyRequest, VerifyResponse, WireSignatureSet} from "./messages.js";

interface Pending {
  resolve: (valid: boolean) => void;
  reject: (e: Error) => void;
}

export interface BlsPoolOptions {
  /** Workers to start (default: one less than the cores, at least one). */
  workers?: number;
}

export class BlsWorkerPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private next = 0;
  private closed = false;

  constructor(opts: BlsPoolOptions = {}) {
    const count = opts.workers ?? Math.max(1, os.availableParallelism() - 1);
    this.workers = Array.from({length: count}, () => this.startWorker());
  }

  get size(): number {
    return this.workers.length;
  }

  /** True when every set verifies; false, never a throw, for any bad set or malformed bytes. */
  async verifySignatureSets(sets: readonly SignatureSet[]): Promise<boolean> {
    if (this.closed) throw new Error("BLS worker pool is closed");
    if (sets.length === 0) return true;
    const wire: WireSignatureSet[] = [];
    for (const set of sets) {
      const w = toWire(set);
      if (w === null) return false;
      wire.push(w);
    }
    const chunks = Math.min(this.workers.length, Math.ceil(wire.length / 4));
    const size = Math.ceil(wire.length / chunks);
    const results = await Promise.all(Array.from({length: chunks}, (_, i) => this.send(wire.slice(i * size, (i + 1) * size))));
    return results.every(Boolean);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.pending.values()) p.reject(new Error("BLS worker pool closed"));
    this.pending.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private send(sets: WireSignatureSet[]): Promise<boolean> {
    const id = this.nextId++;
    const worker = this.workers[this.next++ % this.workers.length];
    return new Promise<boolean>((resolve, reject) => {
      this.pending.set(id, {resolve, reject});
      worker.postMessage({id, sets} satisfies VerifyRequest);
    });
  }

  private startWorker(): Worker {
    const worker = new Worker(new URL("./worker.js", import.meta.url));
    worker.on("message", (res: VerifyResponse) => {
      const p = this.pending.get(res.id);
      this.pending.delete(res.id);
      p?.resolve(res.valid);
    });
    worker.on("error", (e) => {
      // A crashed worker fails what it held; the pool keeps its other workers.
      for (const [id, p] of this.pending) {
        p.reject(e);
        this.pending.delete(id);
      }
    });
    // Workers must not keep the process alive on their own.
    worker.unref();
    return worker;
  }
}

function toWire(set: SignatureSet): WireSignatureSet | null {
  if (set.signature.length !== SIGNATURE_LENGTH) return null;
  const pk = setPublicKey(set);
  return pk === null ? null : {pubkey: pk.toBytes(true), signingRoot: set.signingRoot, signature: set.signature};
}
