import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The repositories whose queries `sql:generate` writes to src/queries (src/cli/generate-sql.ts),
 * as paths under src/ without `.ts`: one line each, every `*.repo.ts` of the server. Every exported
 * class's methods and every exported function marked with @GenerateSql / generateSqlFor are
 * called. Output: src/queries/<file name without .repo>.sql. The generator and
 * test/integration/generated-sql.spec.ts fail while a `*.repo.ts` is missing here
 * (`unlistedRepositories`), so a new repository cannot be forgotten.
 */
export const REPOSITORIES: readonly string[] = [
  'grids/grid-tree.repo',
  'grids/grids.repo',
  'accounts/staff.repo',
  'accounts/users.repo',
  'accounts/grants.repo',
  'accounts/department-categories.repo',
  'accounts/user-names.repo',
  'accounts/user-reads.repo',
  'accounts/user-contacts.repo',
  'accounts/account-reads.repo',
  'auth/sessions.repo',
  'auth/rate-window.repo',
  'catalog/categories.repo',
  'catalog/category-names.repo',
  'wechat/wechat-token.repo',
  'stats/stats.repo',
  'stats/patrol-days.repo',
  'stats/patrol-coverage.repo',
  'patrols/checkins.repo',
  'events/events.repo',
  'events/event-feed.repo',
  'events/event-reads.repo',
  'events/event-summaries.repo',
  'events/sla.repo',
  'events/responsibility.repo',
  'events/webhook-sources.repo',
  'events/public-events.repo',
  'events/templates.repo',
  'open311/clients.repo',
  'open311/requests.repo',
  'campaigns/campaigns.repo',
  'campaigns/campaign-figures.repo',
  'campaigns/household-answers.repo',
  'register/places.repo',
  'register/people.repo',
  'register/claims.repo',
  'register/access-log.repo',
  'register/household-counts.repo',
  'register/household-members.repo',
  'register/import/import.repo',
  'care/care.repo',
  'care/care-visits.repo',
  'volunteers/volunteers.repo',
  'notify/notifications.repo',
  'notify/subscribe-credits.repo',
  'notices/notices.repo',
  'outbox/outbox.repo',
  'outbox/outbox-claims.repo',
  'share/group-bindings.repo',
  'uploads/uploads.repo',
  'uploads/upload-owners.repo',
  'uploads/upload-reads.repo',
];

/** Every `*.repo.ts` under `srcDir`, as REPOSITORIES spells it (sorted). */
export function repositoryFiles(srcDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.repo.ts')) out.push(relative(srcDir, p).split(sep).join('/').replace(/\.ts$/, ''));
    }
  };
  walk(srcDir);
  return out.sort();
}

/** The `*.repo.ts` files under `srcDir` that REPOSITORIES does not list. */
export function unlistedRepositories(srcDir: string): string[] {
  return repositoryFiles(srcDir).filter((p) => !REPOSITORIES.includes(p));
}
