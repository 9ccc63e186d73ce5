// What a bridge request listens to for cancellation. An AbortSignal fits, and so does the much
// lighter CancelSource: an AbortController with its EventTarget costs ~10 µs of CPU per request,
// a measurable share of a hot path that costs a few hundred.
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Cancels the requests it was given to, once; listeners run once and are then dropped. */
export class CancelSource implements CancelSignal {
  aborted = false;
  private listeners: (() => void)[] | undefined;

  get signal(): CancelSignal {
    return this;
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.aborted) return;
    this.listeners ??= [];
    this.listeners.push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const index = this.listeners?.indexOf(listener) ?? -1;
    if (index >= 0) this.listeners!.splice(index, 1);
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const listeners = this.listeners ?? [];
    this.listeners = undefined;
    for (const listener of listeners) listener();
  }
}
