import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JdkNotFoundError } from '../../../tools/cassandra-local/errors.js';
import { findJdk17, majorOf } from '../../../tools/cassandra-local/find-jdk.js';

const root = mkdtempSync(join(tmpdir(), 'fake-jvms-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fake JDK home: a release file and an executable bin/java that is never run. */
function fakeJdk(dir: string, version: string | undefined): string {
  const home = join(root, dir);
  mkdirSync(join(home, 'bin'), { recursive: true });
  if (version) writeFileSync(join(home, 'release'), `IMPLEMENTOR="Test"\nJAVA_VERSION="${version}"\n`);
  writeFileSync(join(home, 'bin', 'java'), '#!/bin/sh\nexit 1\n');
  chmodSync(join(home, 'bin', 'java'), 0o755);
  return home;
}

describe('findJdk17', () => {
  const onlyNewer = join(root, 'only-newer');
  mkdirSync(onlyNewer);
  const jdk25 = fakeJdk('only-newer/temurin-25-jdk', '25.0.3');
  const jdk11 = fakeJdk('only-newer/jdk-11', '11.0.22');
  mkdirSync(join(onlyNewer, 'src-only'), { recursive: true }); // a folder without bin/java

  it('fails with the JDKs it found and where it searched when there is no JDK 17', () => {
    let error: unknown;
    try {
      findJdk17({ env: { JAVA_HOME: jdk25 }, jvmRoots: [{ dir: onlyNewer }] });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(JdkNotFoundError);
    const message = (error as Error).message;
    expect(message).toContain('needs a JDK 17');
    expect(message).toContain(`${jdk25} (25.0.3)`);
    expect(message).toContain(`${jdk11} (11.0.22)`);
    expect(message).toContain('src-only (no bin/java)');
    expect(message).toContain('JAVA17_HOME');
    expect(message).toContain(`${onlyNewer}/*`);
    // the same JDK found twice (JAVA_HOME and the root) is listed once
    expect(message.split(`${jdk25} (25.0.3)`).length).toBe(2);
    expect((error as JdkNotFoundError).found.map((f) => f.home)).toContain(jdk11);
  });

  it('says so when nothing at all is found', () => {
    expect(() => findJdk17({ env: {}, jvmRoots: [{ dir: join(root, 'missing') }] })).toThrow(
      /Found: no JDK at all/,
    );
  });

  it('picks JDK 17 from the roots, whatever JAVA_HOME says', () => {
    const dir = join(root, 'mixed');
    mkdirSync(dir);
    fakeJdk('mixed/a-jdk-25', '25.0.3');
    const jdk17 = fakeJdk('mixed/b-jdk-17', '17.0.15');
    const found = findJdk17({ env: { JAVA_HOME: jdk25 }, jvmRoots: [{ dir }] });
    expect(found).toMatchObject({ home: jdk17, major: 17, version: '17.0.15', source: dir });
    expect(found.java).toBe(join(jdk17, 'bin', 'java'));
  });

  it('prefers JAVA17_HOME, then JAVA_HOME', () => {
    const a = fakeJdk('explicit-a', '17.0.1');
    const b = fakeJdk('explicit-b', '17.0.2');
    expect(findJdk17({ env: { JAVA17_HOME: a, JAVA_HOME: b }, jvmRoots: [] }).source).toBe('JAVA17_HOME');
    expect(findJdk17({ env: { JAVA_HOME: b }, jvmRoots: [] })).toMatchObject({
      home: b,
      source: 'JAVA_HOME',
    });
  });

  it('finds the real JDK 17 of this machine', () => {
    const jdk = findJdk17();
    expect(jdk.major).toBe(17);
  });

  it('reads major versions of every numbering scheme', () => {
    expect(majorOf('17.0.15')).toBe(17);
    expect(majorOf('1.8.0_392')).toBe(8);
    expect(majorOf('25')).toBe(25);
    expect(majorOf('21-ea')).toBe(21);
  });
});
