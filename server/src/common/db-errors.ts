// Moved to db/errors.ts (issue 17). Kept only for events/ and campaigns/, which are being changed
// by another branch; switch their imports to '../db/errors.js' and delete this file.
export { isDbUnavailable, isDeadlock, isUniqueViolation } from '../db/errors.js';
