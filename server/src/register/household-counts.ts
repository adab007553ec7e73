// Moved to household-counts.repo.ts (issue 17: SQL lives in *.repo.ts); kept so importers on
// other branches (campaigns, bench) keep building. Import from './household-counts.repo.js'.
export { addHouseholdCounts, householdsUnder } from './household-counts.repo.js';
