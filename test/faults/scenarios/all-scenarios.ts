// Every scenario by name, in the order a full run takes them.
import type { ScenarioName } from '../options.js';
import { apiSigterm } from './api-sigterm.js';
import { bridgeRestart } from './bridge-restart.js';
import { bridgeRollingRestart } from './bridge-rolling-restart.js';
import { nodeLoss } from './node-loss.js';
import { overload } from './overload.js';
import { rateLimit } from './rate-limit.js';
import type { Scenario } from './scenario.js';
import { soak } from './soak.js';
import { twoNodesDown } from './two-nodes-down.js';

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  'node-loss': nodeLoss,
  'two-nodes-down': twoNodesDown,
  'bridge-restart': bridgeRestart,
  'bridge-rolling-restart': bridgeRollingRestart,
  'api-sigterm': apiSigterm,
  overload,
  'rate-limit': rateLimit,
  soak,
};
