// Where a Chromium to drive with playwright-core is: CHROMIUM_PATH, then Debian's package
// (`apt-get install -y chromium`, which .ci/run does), then the PATH.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  const which = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
    encoding: 'utf8',
  });
  return which.status === 0 ? which.stdout.trim() || undefined : undefined;
}

/** Flags for a headless run on a CI machine (as root, no GPU, nothing fetched in the background). */
export const HEADLESS_CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
