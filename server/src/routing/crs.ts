// Moved to geo/crs.ts (issue 17). Kept only for events/, which another branch is changing;
// point its imports at '../geo/crs.js' and delete this file.
export { fromGcj02, toGcj02 } from '../geo/crs.js';
