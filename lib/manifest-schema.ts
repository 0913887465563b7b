/**
 * The version of the bundle manifest lvs-compile writes. 2: one real-server kit (`realserver/`)
 * in place of a folder per real server (1); the plan inside did not change.
 */
export const MANIFEST_SCHEMA = 2;
