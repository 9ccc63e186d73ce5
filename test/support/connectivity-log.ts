// Records the connectivity states a grpc-js channel goes through, so a test can see it leave READY
// (a GOAWAY or a lost connection) and come back, without reaching into grpc-js.
import * as grpc from '@grpc/grpc-js';

export interface ConnectivityLog {
  /** State names in the order they were entered, the first being the state at start. */
  states: string[];
  /** Times the channel left READY. */
  readyLeft(): number;
  stop(): void;
}

export function watchConnectivity(channel: ReturnType<grpc.Client['getChannel']>): ConnectivityLog {
  const states: string[] = [];
  let stopped = false;
  const watch = (current: grpc.connectivityState) => {
    if (stopped) return;
    // The deadline only bounds one wait; the watch goes on until stop().
    channel.watchConnectivityState(current, Date.now() + 5_000, () => {
      if (stopped) return;
      const next = channel.getConnectivityState(false);
      if (next !== current) states.push(grpc.connectivityState[next]);
      watch(next);
    });
  };
  const first = channel.getConnectivityState(false);
  states.push(grpc.connectivityState[first]);
  watch(first);
  return {
    states,
    readyLeft: () => states.filter((s, i) => i > 0 && states[i - 1] === 'READY' && s !== 'READY').length,
    stop: () => {
      stopped = true;
    },
  };
}
