// The last lines of a node's logs, for error messages that explain themselves.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { NodeLayout } from './options.js';

export function tailLines(path: string, count: number, maxBytes = 256 * 1024): string[] {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return [];
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    if (length < size) lines.shift(); // first line is probably cut
    return lines.slice(-count);
  } finally {
    closeSync(fd);
  }
}

/** Stack frames say little in a summary; the messages and "Caused by" lines say what went wrong. */
function isStackFrame(line: string): boolean {
  return /^\s+at /.test(line) || /^\s+\.\.\. \d+ (common frames omitted|more)$/.test(line);
}

/**
 * The last ERROR line of system.log, then its last lines without stack frames, then what only the
 * JVM printed on stdout/stderr (a JVM that never reached logback writes only there).
 */
export function nodeLogTail(node: NodeLayout, count = 30): string {
  const parts: string[] = [];
  const recent = tailLines(node.systemLogPath, 2_000);
  const lastError = recent.findLast((line) => line.startsWith('ERROR'));
  const system = recent.filter((line) => !isStackFrame(line)).slice(-count);
  if (lastError && !system.includes(lastError)) parts.push(`[last ERROR] ${lastError}`);
  if (system.length > 0) parts.push(`[${node.systemLogPath}]`, ...system);
  // stdout.log repeats the WARN/ERROR lines of system.log; keep what only the JVM printed there.
  const seen = new Set(recent);
  const stdout = tailLines(node.stdoutLogPath, 200)
    .filter((line) => !seen.has(line) && !line.startsWith('WARNING: ') && !isStackFrame(line))
    .slice(-count);
  if (stdout.length > 0) parts.push(`[${node.stdoutLogPath}]`, ...stdout);
  return parts.length > 0 ? parts.join('\n') : '(no log output)';
}
