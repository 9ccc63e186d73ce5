// grpc-js keeps channelz statistics for every channel, server, socket and call unless told not to:
// per call it stamps dates and bumps counters on the hot path (server and client). Nothing here
// serves the channelz admin service, so every grpc-js server and channel of ours turns it off.
export const WITHOUT_CHANNELZ = { 'grpc.enable_channelz': 0 } as const;
