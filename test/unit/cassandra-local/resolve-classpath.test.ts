import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MavenNotFoundError } from '../../../tools/cassandra-local/errors.js';
import { findJdk17 } from '../../../tools/cassandra-local/find-jdk.js';
import { findMaven } from '../../../tools/cassandra-local/find-maven.js';
import {
  classpathCacheFile,
  renderPom,
  resolveClasspath,
} from '../../../tools/cassandra-local/resolve-classpath.js';

const dir = mkdtempSync(join(tmpdir(), 'cassandra-classpath-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const noMavenEnv = { PATH: join(dir, 'empty-bin') };

describe('Maven', () => {
  it('is found on PATH', () => {
    expect(findMaven(process.env)).toMatch(/mvn$/);
  });

  it('missing: a clear error naming where it looked', () => {
    expect(() => findMaven(noMavenEnv)).toThrow(MavenNotFoundError);
    expect(() => findMaven(noMavenEnv)).toThrow(/Maven \(mvn\).*not found.*empty-bin.*apt-get install maven/);
  });

  it('missing on a first start: resolveClasspath fails with MavenNotFoundError', async () => {
    const cacheDir = join(dir, 'fresh');
    await expect(
      resolveClasspath({
        cacheDir,
        cassandraVersion: '5.0.9',
        jdk: findJdk17(),
        env: noMavenEnv,
        log: () => undefined,
      }),
    ).rejects.toBeInstanceOf(MavenNotFoundError);
  });

  it('not needed once the classpath is cached (offline starts)', async () => {
    const cacheDir = join(dir, 'cached');
    mkdirSync(cacheDir);
    const jars = ['cassandra-all-5.0.9.jar', 'jamm-0.4.0.jar'].map((name) => join(cacheDir, name));
    for (const jar of jars) writeFileSync(jar, '');
    writeFileSync(classpathCacheFile(cacheDir, '5.0.9'), jars.join(':'));
    const classpath = await resolveClasspath({
      cacheDir,
      cassandraVersion: '5.0.9',
      jdk: findJdk17(),
      env: noMavenEnv,
      log: () => undefined,
    });
    expect(classpath).toMatchObject({ jars, jammJar: jars[1], resolved: false });
  });

  it('a cache naming a jar that has gone is not trusted', async () => {
    const cacheDir = join(dir, 'stale-cache');
    mkdirSync(cacheDir);
    writeFileSync(classpathCacheFile(cacheDir, '5.0.9'), join(cacheDir, 'gone.jar'));
    await expect(
      resolveClasspath({
        cacheDir,
        cassandraVersion: '5.0.9',
        jdk: findJdk17(),
        env: noMavenEnv,
        log: () => undefined,
      }),
    ).rejects.toBeInstanceOf(MavenNotFoundError);
  });

  it('the generated POM asks for cassandra-all of the wanted version', () => {
    const pom = renderPom('5.0.9');
    expect(pom).toContain('<artifactId>cassandra-all</artifactId>');
    expect(pom).toContain('<version>5.0.9</version>');
  });
});
