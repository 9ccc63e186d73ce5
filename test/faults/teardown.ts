// Stops everything the run started, however it ends: normal end, an exception (caught or not),
// SIGINT or SIGTERM.
// Actions run once, last registered first, each bounded in time, and a failing one does not keep
// the others from running.
const ACTION_TIMEOUT_MS = 120_000;

export class Teardown {
  private readonly actions: Array<{ name: string; run: () => Promise<void> }> = [];
  private running: Promise<void> | undefined;

  constructor(private readonly log: (line: string) => void) {}

  add(name: string, run: () => Promise<void>): void {
    this.actions.push({ name, run });
  }

  /** Runs every action (once, however often it is called). */
  run(): Promise<void> {
    this.running ??= this.runAll();
    return this.running;
  }

  private async runAll(): Promise<void> {
    for (const action of [...this.actions].reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`took more than ${ACTION_TIMEOUT_MS / 1000} s`)),
          ACTION_TIMEOUT_MS,
        );
      });
      try {
        await Promise.race([action.run(), timeout]);
      } catch (err) {
        this.log(`teardown: ${action.name} failed: ${(err as Error).message}`);
      } finally {
        clearTimeout(timer);
      }
    }
  }

  /**
   * On SIGINT/SIGTERM: tear down, then exit with 128 + the signal's number. An error nobody caught
   * (a callback of a timer or a socket) tears down too, then exits with `crashCode`.
   */
  installExitHandlers(crashCode: number): void {
    const handle = (signal: NodeJS.Signals, code: number) => {
      process.on(signal, () => {
        this.log(`${signal}: stopping everything this run started`);
        void this.run().finally(() => process.exit(code));
      });
    };
    handle('SIGINT', 130);
    handle('SIGTERM', 143);
    const crash = (err: unknown) => {
      this.log(`uncaught error, stopping everything: ${(err as Error)?.stack ?? String(err)}`);
      void this.run().finally(() => process.exit(crashCode));
    };
    process.on('uncaughtException', crash);
    process.on('unhandledRejection', crash);
  }
}
