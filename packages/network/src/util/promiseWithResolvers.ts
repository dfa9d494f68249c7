// libp2p 2.x's transitive dependencies (mortice, it-queue, abort-error) call Promise.withResolvers,
// which Node only has from 22. We support Node >= 20.19, so supply it where it is missing.
type Resolvers<T> = {promise: Promise<T>; resolve: (v: T | PromiseLike<T>) => void; reject: (e: unknown) => void};

const P = Promise as unknown as {withResolvers?: <T>() => Resolvers<T>};
if (typeof P.withResolvers !== "function") {
  P.withResolvers = function withResolvers<T>(): Resolvers<T> {
    let resolve!: Resolvers<T>["resolve"];
    let reject!: Resolvers<T>["reject"];
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return {promise, resolve, reject};
  };
}
export {};
