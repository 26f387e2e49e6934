/**
 * Preloaded with `node --import`: holds the process until the wall-clock instant in START_AT (ms),
 * so that processes spawned one after the other begin their work at the same moment.
 */
const at = Number(process.env.START_AT ?? 0);
if (at > Date.now()) await new Promise((resolve) => setTimeout(resolve, at - Date.now()));
export {};
