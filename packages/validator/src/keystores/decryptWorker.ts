// Worker thread: decrypts one EIP-2335 keystore per message. The KDF (scrypt or pbkdf2) is slow on
// purpose, so many keys are spread over several of these threads.
import {parentPort} from "node:worker_threads";
import {Keystore} from "@chainsafe/bls-keystore";

export interface DecryptRequest {
  id: number;
  keystore: string;
  password: string;
}
export type DecryptResponse = {id: number; secret: Uint8Array} | {id: number; error: string};

if (parentPort === null) throw new Error("decryptWorker must run as a worker thread");
const port = parentPort;
port.on("message", (req: DecryptRequest) => {
  void (async () => {
    try {
      const secret = await Keystore.parse(req.keystore).decrypt(req.password);
      port.postMessage({id: req.id, secret} satisfies DecryptResponse, [secret.buffer as ArrayBuffer]);
    } catch (e) {
      port.postMessage({id: req.id, error: (e as Error).message} satisfies DecryptResponse);
    }
  })();
});
