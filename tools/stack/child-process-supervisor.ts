// Runs the stack's services as child processes: each with its output prefixed by its name, its
// last lines kept for error reports, and its exit reported. Nothing is ever restarted silently: an
// exit that nobody asked for is passed to `onUnexpectedExit`, which shuts the stack down.
import { type ChildProcess, spawn } from 'node:child_process';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedChild {
  name: string;
  pid: number;
  exit: ChildExit | undefined;
  exited: Promise<ChildExit>;
  lastLines(): string[];
}

export interface SupervisorOptions {
  /** Where prefixed output lines go. */
  write: (line: string) => void;
  onUnexpectedExit: (child: ManagedChild, exit: ChildExit) => void;
  /** Lines kept per child for the report of an unexpected exit. */
  keepLines?: number;
}

export class ChildProcessSupervisor {
  private readonly children: { managed: ManagedChild; process: ChildProcess }[] = [];
  private stopping = false;
  private readonly width: number;

  constructor(
    private readonly options: SupervisorOptions,
    names: readonly string[] = [],
  ) {
    this.width = Math.max(0, ...names.map((n) => n.length));
  }

  start(spec: ChildSpec): ManagedChild {
    // Own process group: a Ctrl-C in the terminal reaches only the supervisor, which then stops
    // the children in order.
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const keep = this.options.keepLines ?? 30;
    const lines: string[] = [];
    const prefix = `[${spec.name}]${' '.repeat(Math.max(0, this.width - spec.name.length))} `;
    const forward = (stream: NodeJS.ReadableStream): void => {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        pending += chunk;
        const parts = pending.split('\n');
        pending = parts.pop() ?? '';
        for (const line of parts) emit(line);
      });
      stream.on('end', () => {
        if (pending) emit(pending);
        pending = '';
      });
    };
    const emit = (line: string): void => {
      const clean = line.replace(/\r$/, '');
      lines.push(clean);
      if (lines.length > keep) lines.shift();
      this.options.write(`${prefix}${clean}`);
    };
    forward(child.stdout!);
    forward(child.stderr!);

    let resolveExit: (exit: ChildExit) => void = () => undefined;
    const managed: ManagedChild = {
      name: spec.name,
      pid: child.pid ?? -1,
      exit: undefined,
      exited: new Promise<ChildExit>((resolve) => {
        resolveExit = resolve;
      }),
      lastLines: () => [...lines],
    };
    const onExit = (exit: ChildExit): void => {
      if (managed.exit) return;
      managed.exit = exit;
      resolveExit(exit);
      if (!this.stopping) this.options.onUnexpectedExit(managed, exit);
    };
    child.on('error', (err) => {
      emit(`failed to start: ${err.message}`);
      onExit({ code: null, signal: null });
    });
    // 'close' waits for the output streams, so the last lines are in before the exit is reported.
    child.on('close', (code, signal) => onExit({ code, signal }));
    this.children.push({ managed, process: child });
    return managed;
  }

  get running(): ManagedChild[] {
    return this.children.filter((c) => c.managed.exit === undefined).map((c) => c.managed);
  }

  /** From now on exits are expected. */
  beginShutdown(): void {
    this.stopping = true;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the child has exited. */
  async stop(managed: ManagedChild, graceMs: number): Promise<ChildExit> {
    const entry = this.children.find((c) => c.managed === managed);
    if (!entry || managed.exit) return managed.exit ?? { code: null, signal: null };
    entry.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      this.options.write(`[${managed.name}] did not stop within ${graceMs / 1000} s: sending SIGKILL`);
      entry.process.kill('SIGKILL');
    }, graceMs);
    try {
      return await managed.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Last resort when the supervisor itself exits: no child may outlive it. */
  killAll(): void {
    for (const { managed, process: child } of this.children) {
      if (managed.exit === undefined) child.kill('SIGKILL');
    }
  }
}

export function describeChildExit(exit: ChildExit): string {
  if (exit.signal) return `killed by ${exit.signal}`;
  return `exit code ${exit.code ?? 'unknown'}`;
}
