// A fresh load driver per API (new clients each time: a scenario that restarts a process must not
// inherit a client's reconnect back-off from the one before).
import type { Ledger } from '../ledger.js';
import type { FaultStack } from '../services.js';
import type { ApiDriver, DataNames } from './api-driver.js';
import { DocsLoad } from './docs-load.js';
import { GraphqlLoad } from './graphql-load.js';
import { GrpcLoad } from './grpc-load.js';
import type { ApiName } from './request-record.js';
import { RestLoad } from './rest-load.js';

export function createDrivers(
  stack: FaultStack,
  ledger: Ledger,
  names: DataNames,
  apis: readonly ApiName[],
): ApiDriver[] {
  const make: Record<ApiName, () => ApiDriver> = {
    rest: () => new RestLoad(stack.baseUrl('rest'), stack.token, ledger, names),
    docs: () => new DocsLoad(stack.baseUrl('docs'), stack.token, ledger, names),
    graphql: () => new GraphqlLoad(stack.baseUrl('graphql'), stack.token, ledger, names),
    grpc: () => new GrpcLoad(stack.grpcAddress(), stack.token, ledger, names),
  };
  return apis.map((api) => make[api]());
}
