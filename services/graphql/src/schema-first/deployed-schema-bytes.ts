// The heap that the executor of a deployed schema holds, estimated from its SDL: its types, fields
// and arguments (an input type per @cql_input entity), and the Mercurius instance serving it. Every
// field, argument and directive argument is written `name: Type`, so the SDL's colons count them
// whatever the names' length. Measured with `node --expose-gc` as the heap grown by five executors
// (each having run a query): 10 entities of 10 fields, 160 colons, 721 KiB each; 100 of 30 fields,
// 3,600 colons, 9.7 MiB (the same with one-letter names: the same); 300 of 10 fields, 4,800
// colons, 12.3 MiB. Fitted: ~300 KB plus ~2,730 bytes per colon; rounded up here, and its text.
const EXECUTOR_BYTES = 320 * 1024;
const COLON_BYTES = 2_800;

export function deployedSchemaBytes(sdl: string): number {
  let colons = 0;
  for (let at = sdl.indexOf(':'); at >= 0; at = sdl.indexOf(':', at + 1)) colons++;
  return EXECUTOR_BYTES + COLON_BYTES * colons + sdl.length;
}
