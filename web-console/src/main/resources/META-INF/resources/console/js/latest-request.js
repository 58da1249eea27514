// The latest of a series of requests for the same data: starting one aborts the one before, so an older, slower
// answer never overwrites a newer one; a page aborts the one still running when it is left.

export class LatestRequest {
  #controller = null;

  /** Aborts the request before, if any, and returns the signal of the new one. */
  next() {
    this.abort();
    this.#controller = new AbortController();
    return this.#controller.signal;
  }

  /** The signal of the latest request, or undefined before the first. */
  get signal() {
    return this.#controller ? this.#controller.signal : undefined;
  }

  /** Aborts the latest request, if any. */
  abort() {
    if (this.#controller) {
      this.#controller.abort();
    }
  }
}
