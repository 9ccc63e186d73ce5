// String formats the config schemas may name (`"format": ...`) for values a pattern cannot check
// well; each says what it expects and, for a bad value, what exactly is wrong with it.
import { bridgeAddressExpected, bridgeAddressProblem } from '../bridge/bridge-target.js';
import { replicationLiteralExpected, replicationLiteralProblem } from '../cql/replication-options.js';
import { corsOriginsExpected, corsOriginsProblem } from '../http/cors.js';

export interface ConfigFormat {
  expected: string;
  /** What is wrong with the value, or undefined when it is fine. */
  problem(value: string): string | undefined;
}

export const configFormats: Readonly<Record<string, ConfigFormat>> = {
  'bridge-address': { expected: bridgeAddressExpected, problem: bridgeAddressProblem },
  'cors-origins': { expected: corsOriginsExpected, problem: corsOriginsProblem },
  'keyspace-replication': { expected: replicationLiteralExpected, problem: replicationLiteralProblem },
};
