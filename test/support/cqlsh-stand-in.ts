// Stands in for cqlsh where the Kubernetes Job's script calls it (test/integration/bridge/
// least-privilege-role.test.ts): `cqlsh HOST PORT -u USER -p PASSWORD (-e STATEMENT | -f FILE)`.
// It runs the statements one by one over cassandra-driver against CQLSH_STAND_IN_CONTACT_POINTS
// (the test's Cassandra; HOST and PORT are only recorded in CQLSH_STAND_IN_LOG) and, like cqlsh,
// exits with 2 after a failed statement. Run it with `node` (type stripping).
import { appendFileSync, readFileSync } from 'node:fs';
import cassandra from 'cassandra-driver';

/** Statements of a CQL script: split at semicolons outside strings, identifiers and comments. */
function splitCql(text: string): string[] {
  const statements: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const two = text.slice(i, i + 2);
    if (two === '--' || two === '//') {
      while (i < text.length && text[i] !== '\n') i++;
      current += '\n';
    } else if (two === '/*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length && !(text[j] === c && text[j + 1] !== c)) j += text[j] === c ? 2 : 1;
      current += text.slice(i, j + 1);
      i = j;
    } else if (c === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
    } else {
      current += c;
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

async function main(args: string[]): Promise<number> {
  const [host, port, ...options] = args;
  const option = (flag: string) => {
    const at = options.indexOf(flag);
    return at >= 0 ? options[at + 1] : undefined;
  };
  if (process.env.CQLSH_STAND_IN_LOG) appendFileSync(process.env.CQLSH_STAND_IN_LOG, `${host}:${port}\n`);
  const file = option('-f');
  const statements = splitCql(file ? readFileSync(file, 'utf8') : (option('-e') ?? ''));
  const client = new cassandra.Client({
    contactPoints: (process.env.CQLSH_STAND_IN_CONTACT_POINTS ?? '').split(','),
    localDataCenter: 'datacenter1',
    credentials: { username: option('-u') ?? '', password: option('-p') ?? '' },
  });
  try {
    await client.connect();
    for (const statement of statements) await client.execute(statement);
    return 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  } finally {
    await client.shutdown();
  }
}

process.exitCode = await main(process.argv.slice(2));
