// Moved to household-members.repo.ts (issue 17: SQL lives in *.repo.ts); kept so importers on
// other branches (campaigns) keep building. Import from './household-members.repo.js'.
export { confirmedHouseholdsIn, householdGrid, isConfirmedMember } from './household-members.repo.js';
