// An API is ready when its bridge answers. Until the bridge first answers, a clear line is logged
// on each retry (with back-off), so `npm start` shows what the API is waiting for.
import type { Logger } from 'pino';
import type { BridgeClient } from './bridge-client.js';

const PROBE_DEADLINE_MS = 2000;
const CACHE_MS = 1000;

export class BridgeReadiness {
  private last: { at: number; ready: boolean; detail?: string } | undefined;
  private stopped = false;

  constructor(
    private readonly bridge: BridgeClient,
    private readonly address: string,
    private readonly logger: Logger,
    /** Names a TLS cause when the bridge cannot be reached (explain-bridge-failure.ts). */
    private readonly explain?: (message: string) => Promise<string | undefined>,
  ) {}

  async check(): Promise<{ ready: boolean; detail?: string }> {
    if (this.last && Date.now() - this.last.at < CACHE_MS) return this.last;
    try {
      await this.bridge.getSupportedFeatures(PROBE_DEADLINE_MS);
      this.last = { at: Date.now(), ready: true };
    } catch (err) {
      const message = (err as Error).message;
      const explained = await this.explain?.(message).catch(() => undefined);
      this.last = {
        at: Date.now(),
        ready: false,
        detail: explained ?? `bridge at ${this.address}: ${message}`,
      };
    }
    return this.last;
  }

  /** Resolves once the bridge answers (or stop() is called), logging while it waits. */
  async waitUntilReady(): Promise<void> {
    let delayMs = 250;
    for (;;) {
      if (this.stopped) return;
      const { ready, detail } = await this.check();
      if (ready) {
        this.logger.info({ bridge: this.address }, 'bridge is answering');
        return;
      }
      this.logger.info({ bridge: this.address, retryInMs: delayMs, detail }, 'waiting for the bridge');
      await new Promise((r) => setTimeout(r, delayMs));
      delayMs = Math.min(delayMs * 2, 5000);
    }
  }

  stop(): void {
    this.stopped = true;
  }
}
