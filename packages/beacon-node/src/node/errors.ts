import {CodedError} from "@hearth/params";

export enum NodeErrorCode {
  DB_MISMATCH = "NODE_DB_MISMATCH",
}

type Detail = Record<string, string | number>;

const messages: Record<NodeErrorCode, (d: Detail) => string> = {
  [NodeErrorCode.DB_MISMATCH]: (d) =>
    `the database in ${d.dataDir} was made with ${d.field}=${d.stored}, but this run asks for ${d.wanted}: ` +
    `start with the same settings, or use another --dataDir (or delete that one) to start a new chain`,
};

/** A node that must not start; the message tells the operator what to change. */
export class NodeError extends CodedError<NodeErrorCode, Detail> {
  constructor(code: NodeErrorCode, detail: Detail) {
    super(code, detail, `${code}: ${messages[code](detail)}`);
  }
}
