// GraphQL API process entry: load settings, start, and stop gracefully on SIGTERM/SIGINT.
import { loadConfigOrExit } from '../../common/src/config/load-config.js';
import { runService } from '../../common/src/lifecycle/run-service.js';
import { startGraphqlApi } from './app.js';
import { type GraphqlConfig, graphqlConfigSchemas } from './config.js';

const config = loadConfigOrExit<GraphqlConfig>(graphqlConfigSchemas);
await runService('graphql', config, (logger) => startGraphqlApi({ config, logger }));
