// Polls an HTTP URL until it answers 200, with a bound and a progress callback.

export interface WaitForHttpOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Give up early (the process exited, the stack is stopping). */
  shouldStop?: () => boolean;
  /** Called about every `progressEveryMs` while waiting. */
  onProgress?: (elapsedMs: number, lastProblem: string) => void;
  progressEveryMs?: number;
}

export type WaitForHttpResult = 'ready' | 'timeout' | 'stopped';

export async function waitForHttp(url: string, options: WaitForHttpOptions): Promise<WaitForHttpResult> {
  const started = Date.now();
  const interval = options.intervalMs ?? 300;
  const progressEvery = options.progressEveryMs ?? 10_000;
  let nextProgress = started + progressEvery;
  let lastProblem = 'no answer yet';
  while (true) {
    if (options.shouldStop?.()) return 'stopped';
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.body?.cancel();
      if (res.status === 200) return 'ready';
      lastProblem = `HTTP ${res.status}`;
    } catch (err) {
      lastProblem = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    }
    const now = Date.now();
    if (now - started >= options.timeoutMs) return 'timeout';
    if (now >= nextProgress) {
      options.onProgress?.(now - started, lastProblem);
      nextProgress += progressEvery;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
