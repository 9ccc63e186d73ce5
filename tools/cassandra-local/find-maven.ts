// Finds the `mvn` executable: $MAVEN_HOME/bin, $M2_HOME/bin, then each PATH entry.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { MavenNotFoundError } from './errors.js';

export function findMaven(env: NodeJS.ProcessEnv = process.env): string {
  const dirs: string[] = [];
  for (const name of ['MAVEN_HOME', 'M2_HOME']) {
    const home = env[name];
    if (home) dirs.push(join(home, 'bin'));
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir) dirs.push(dir);
  }
  for (const dir of dirs) {
    const candidate = join(dir, process.platform === 'win32' ? 'mvn.cmd' : 'mvn');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new MavenNotFoundError(dirs);
}
