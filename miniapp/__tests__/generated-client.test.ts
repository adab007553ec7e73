/**
 * @jest-environment node
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

// The client's types are generated from the server's OpenAPI spec; a server change to a route,
// parameter, body or error code must come with regenerated files (`pnpm --filter @weigrid/miniapp gen:api`).
describe('generated API client (src/services/generated)', () => {
  it('matches the spec the current server serves', () => {
    const res = spawnSync(process.execPath, [join(__dirname, '../scripts/gen-api.mjs'), '--check'], { encoding: 'utf8', timeout: 240_000 })
    if (res.status !== 0) throw new Error(`gen-api --check failed (exit ${res.status}):\n${res.stderr}${res.stdout}`)
    expect(res.stdout).toContain('generated client files match the server')
  }, 250_000)
})
