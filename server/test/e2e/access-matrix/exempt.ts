import type { RegisteredRoute } from '../../../src/bootstrap.js';

export interface Exemption {
  /** 'METHOD /pattern' exactly as Fastify registered it, e.g. 'GET /api/v1/health/live'. */
  route: string;
  /** Why no inside/outside row applies: public, or it can only ever address the caller's own data. */
  why: string;
}

/**
 * Routes with no access-matrix row, each with the reason. Everything else the app registers must be
 * reached by a matrix row, or the completeness test fails and lists it.
 */
const DOCS = 'the OpenAPI description and Swagger UI: public, no data';
const PUBLIC_TREE = 'public: the grid tree (names, codes, boundaries) is what the report page shows before login';
const OWN = 'acts only on the caller’s own data (no id of anyone else can be given)';

export const EXEMPT_ROUTES: Exemption[] = [
  ...['/api/docs', '/api/docs-json', '/api/docs-yaml', '/api/docs/', '/api/docs/*', '/api/docs/LICENSE', '/api/docs/docs/*', '/api/docs/docs/swagger-ui-init.js', '/api/docs/index.html', '/api/docs/swagger-ui-init.js'].map((url) => ({ route: `GET ${url}`, why: DOCS })),
  { route: 'GET /api/v1/health/live', why: 'public liveness probe for the load balancer' },
  { route: 'GET /api/v1/health/ready', why: 'public readiness probe for the load balancer' },
  { route: 'POST /api/v1/auth/wechat', why: 'login: unauthenticated by nature (rate-limited per IP; auth e2e)' },
  { route: 'POST /api/v1/auth/refresh', why: 'the refresh token is the credential (rotation and replay: auth e2e)' },
  { route: 'POST /api/v1/auth/logout', why: `ends the caller’s own session; ${OWN}` },
  { route: 'GET /api/v1/auth/sessions', why: OWN },
  { route: 'GET /api/v1/categories', why: 'public: the active categories the report page offers' },
  { route: 'GET /api/v1/overview', why: 'public: region name, grid counts and categories for the home page before login' },
  ...['/api/v1/grids', '/api/v1/grids/locate', '/api/v1/grids/search', '/api/v1/grids/:code', '/api/v1/grids/:code/children', '/api/v1/grids/:code/path', '/api/v1/grids/:code/geojson'].map((url) => ({ route: `GET ${url}`, why: PUBLIC_TREE })),
  { route: 'GET /api/v1/grids/:code/contacts', why: 'a public service directory: the grid workers of a micro-grid (name, verified work phone) for any logged-in resident, as 蓉e报 shows them; no resident data (grid-contacts e2e)' },
  { route: 'GET /api/v1/me', why: OWN },
  { route: 'PATCH /api/v1/me', why: OWN },
  { route: 'POST /api/v1/me/phone', why: `binds the phone behind the caller’s own getPhoneNumber code; ${OWN}` },
  { route: 'POST /api/v1/me/share-info', why: 'decrypts share info with the caller’s own session key' },
  { route: 'GET /api/v1/inbox', why: OWN },
  { route: 'GET /api/v1/inbox/unread-count', why: OWN },
  { route: 'POST /api/v1/inbox/read-all', why: OWN },
  { route: 'GET /api/v1/subscriptions', why: OWN },
  { route: 'POST /api/v1/subscriptions', why: OWN },
  { route: 'GET /api/v1/notices/inbox', why: `the notices addressed to the caller; ${OWN}` },
  { route: 'POST /api/v1/volunteers', why: '双报到: the caller registers themself in the micro-grid where they live; writes only their own registration' },
  { route: 'GET /api/v1/volunteers/me', why: OWN },
  { route: 'GET /api/v1/volunteers/me/tasks', why: OWN },
  { route: 'GET /api/v1/register/mine', why: `the caller’s own household; ${OWN}` },
  { route: 'POST /api/v1/register/mine/claim', why: 'a request to be linked to the register entry whose name and ID number one knows: opens nothing until staff confirm it (register-claim e2e; the read-after-claim matrix row)' },
  { route: 'GET /api/v1/register/mine/claims', why: `the caller’s own claims and their state; ${OWN}` },
  { route: 'POST /api/v1/invites/:code/accept', why: 'the one-time invite code is the credential (onboarding e2e: expiry, reuse, races)' },
  { route: 'POST /api/v1/share/groups/resolve', why: 'the encrypted share ticket, decrypted with the caller’s session key, proves they are in the group; answers only its micro-grid' },
  { route: 'POST /api/v1/webhooks/events', why: 'machine intake: authenticated by the source’s HMAC signature, not a user token (events e2e)' },
  { route: 'POST /api/v1/open311/hotline/orders', why: '12345 work orders: authenticated by the hotline client’s HMAC signature, not a user token (hotline-12345 e2e)' },
  { route: 'GET /api/v1/open311/media/:id', why: 'a photo URL signed for one external client: the grant is the credential (hotline-12345 e2e)' },
  ...['GET /open311/v2/services.json', 'GET /open311/v2/services.xml', 'GET /open311/v2/services/:file', 'POST /open311/v2/requests.json', 'POST /open311/v2/requests.xml', 'GET /open311/v2/requests.json', 'GET /open311/v2/requests.xml', 'GET /open311/v2/requests/:file', 'GET /open311/v2/tokens/:file'].map((route) => ({
    route,
    why: 'Open311 GeoReport v2: public reads of the public view, writes with an api_key (open311 e2e: privacy, keys, node scope)',
  })),
];

/**
 * Registered routes (HEAD mirrors of GET routes aside) that no matrix request reached and that are
 * not exempt; and exemptions naming a route that no longer exists (so the list cannot rot).
 */
export function uncoveredRoutes(routes: readonly RegisteredRoute[], covered: ReadonlySet<string>): { uncovered: string[]; staleExemptions: string[] } {
  const all = new Set(routes.map((r) => `${r.method} ${r.url}`));
  const exempt = new Set(EXEMPT_ROUTES.map((e) => e.route));
  const uncovered = [...all].filter((r) => {
    if (r.startsWith('HEAD ') && all.has(`GET ${r.slice(5)}`)) return false;
    return !covered.has(r) && !exempt.has(r);
  });
  return { uncovered: uncovered.sort(), staleExemptions: [...exempt].filter((r) => !all.has(r)).sort() };
}
