/**
 * Turns a callback subscription into the async iterable an event stream implementation returns.
 * `subscribe` registers a listener and returns its unsubscribe function, called when `signal`
 * aborts or the consumer stops. A consumer that falls `maxQueued` events behind is cut off
 * (the iterator throws) rather than buffering without bound.
 */
export function subscriptionIterable<E>(
  subscribe: (push: (event: E) => void) => () => void,
  signal: AbortSignal,
  maxQueued = 1024,
): AsyncIterable<E> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<E> {
      const queue: E[] = [];
      let wake: (() => void) | null = null;
      let done = signal.aborted;
      let overflow = false;
      const notify = (): void => {
        wake?.();
        wake = null;
      };
      const unsubscribe = done
        ? () => {}
        : subscribe((event) => {
            if (done) return;
            if (queue.length >= maxQueued) overflow = true;
            else queue.push(event);
            notify();
          });
      const finish = (): void => {
        if (!done) {
          done = true;
          unsubscribe();
        }
        notify();
      };
      signal.addEventListener("abort", finish, {once: true});
      return {
        async next(): Promise<IteratorResult<E>> {
          for (;;) {
            if (overflow) {
              finish();
              throw new Error(`event subscriber fell more than ${maxQueued} events behind`);
            }
            if (queue.length > 0) return {value: queue.shift() as E, done: false};
            if (done) return {value: undefined, done: true};
            await new Promise<void>((resolve) => (wake = resolve));
          }
        },
        async return(): Promise<IteratorResult<E>> {
          signal.removeEventListener("abort", finish);
          finish();
          return {value: undefined, done: true};
        },
      };
    },
  };
}
