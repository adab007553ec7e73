import { ModulesContainer } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { GUARDS_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { AccessService } from '../../src/access/access.service.js';
import { ACCESS_POLICY } from '../../src/access/policy.js';
import { AuthGuard, type AuthedRequest } from '../../src/auth/auth.guard.js';
import { AUTH_SPEC, PUBLIC_SPEC, type AuthSpec } from '../../src/auth/route-access.js';
import { GridsController } from '../../src/grids/grids.controller.js';
import { EventsController } from '../../src/events/events.controller.js';
import type { Actor } from '../../src/common/actor.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs } from '../helpers/auth.js';

type Ctor = abstract new (...args: never[]) => unknown;

/** Every handler of every controller in the app, with what it declares. */
function handlers(t: TestApp): { name: string; fn: Function; cls: Ctor; auth?: AuthSpec; publicWhy?: string }[] {
  // A controller can be listed under more than one module wrapper: one entry per handler.
  const out = new Map<string, { name: string; fn: Function; cls: Ctor; auth?: AuthSpec; publicWhy?: string }>();
  for (const mod of t.app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as Ctor | null;
      if (!cls) continue;
      for (const h of Object.getOwnPropertyNames(cls.prototype)) {
        const fn = (cls.prototype as Record<string, unknown>)[h];
        if (h === 'constructor' || typeof fn !== 'function' || Reflect.getMetadata(METHOD_METADATA, fn) === undefined) continue;
        out.set(`${cls.name}.${h}`, { name: `${cls.name}.${h}`, fn, cls, auth: Reflect.getMetadata(AUTH_SPEC, fn) as AuthSpec | undefined, publicWhy: Reflect.getMetadata(PUBLIC_SPEC, fn) as string | undefined });
      }
    }
  }
  return [...out.values()];
}

const guardsOf = (target: object): string[] => ((Reflect.getMetadata(GUARDS_METADATA, target) as Ctor[] | undefined) ?? []).map((g) => g.name);

describe('route access declarations', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Metadata and the guard do not depend on the driver: SQLite is enough.
    t = await bootTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every route says who may call it: @Auth({ permission | anyUser }) or @Public(why), on the method', () => {
    const all = handlers(t);
    const problems: string[] = [];
    for (const h of all) {
      if (!h.auth === !h.publicWhy) problems.push(`${h.name}: ${h.auth ? 'both @Auth and @Public' : 'no @Auth({...}) or @Public(why)'}`);
      const authGuard = guardsOf(h.fn).includes('AuthGuard');
      if (h.auth && !authGuard) problems.push(`${h.name}: @Auth without AuthGuard`);
      if (h.publicWhy !== undefined && (authGuard || !h.publicWhy.trim())) problems.push(`${h.name}: @Public must give a reason and add no AuthGuard`);
      if (h.auth) {
        const p = h.auth.permission;
        const permits = p === undefined ? [] : typeof p === 'string' ? [p] : [...p];
        if (permits.length === 0 && !h.auth.anyUser?.trim()) problems.push(`${h.name}: declares neither a permission nor who else may call it`);
        for (const a of permits) if (!Object.hasOwn(ACCESS_POLICY, a)) problems.push(`${h.name}: unknown permission ${a}`);
      }
    }
    // A class-level guard would protect routes whose method declares nothing: declarations live on methods only.
    for (const cls of new Set(all.map((h) => h.cls))) if (guardsOf(cls).includes('AuthGuard')) problems.push(`${cls.name}: AuthGuard on the class; declare @Auth on each method`);
    expect(problems).toEqual([]);
    // Sanity: the walk found the app's routes (about 130), both kinds.
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter((h) => h.publicWhy).length).toBeGreaterThan(5);
  });

  /** Runs the real guard for `handler` with this bearer token and returns the actor it handed the route. */
  async function actorFor(cls: Ctor, handler: Function, auth: string): Promise<Actor> {
    const req = { headers: { authorization: auth }, method: 'GET' } as unknown as AuthedRequest;
    const ctx = new ExecutionContextHost([req, {}], cls as never, handler as never);
    await expect(t.app.get(AuthGuard).canActivate(ctx)).resolves.toBe(true);
    return req.actor!;
  }

  it('AccessService authorizes a request only by the permissions its route declares', async () => {
    const admin = await loginAs(t, { grants: [{ role: 'community_admin', nodeCode: '510104001001' }] });
    const access = t.app.get(AccessService);
    const node = { nodeCode: '510104001001' };

    const edit = await actorFor(GridsController, GridsController.prototype.edit, admin.auth);
    expect(edit.route).toEqual({ name: 'GridsController.edit', permits: ['grid.edit'] });
    await expect(access.require(edit, 'grid.edit', node)).resolves.toMatchObject({ role: 'community_admin' });
    // The admin holds grid.read there too, but this route did not declare it.
    await expect(access.check(edit, 'grid.read', node)).rejects.toThrow("GridsController.edit checks 'grid.read' but its @Auth({...}) declares 'grid.edit'");
    expect(() => access.scope(edit, 'notice.send')).toThrow(/declares 'grid.edit'/);

    // A route any signed-in user may call authorizes by no policy action at all.
    const report = await actorFor(EventsController, EventsController.prototype.create, admin.auth);
    expect(report.route).toEqual({ name: 'EventsController.create', permits: [] });
    await expect(access.check(report, 'event.read', node)).rejects.toThrow(/declares no permission/);
    expect(() => access.requireEventAction(report, { reporterId: admin.userId, handlerId: null, nodePath: '5101/', departmentId: null, category: 'x' }, 'close')).toThrow(/checks 'event.act'/);

    // Two requests of one session on different routes do not share the binding.
    const list = await actorFor(EventsController, EventsController.prototype.list, admin.auth);
    expect(list.route!.permits).toEqual(['event.read', 'event.act']);
    expect(edit.route!.permits).toEqual(['grid.edit']);

    // Actors made outside a request (CLI tools, the scheduler) are bound to no route.
    const bare: Actor = { userId: admin.userId, grants: edit.grants };
    await expect(access.check(bare, 'grid.read', node)).resolves.toMatchObject({ role: 'community_admin' });
  });

  it("says what an actor is to an event in one place, and the workflow table decides the action", async () => {
    const access = t.app.get(AccessService);
    const micro = '5101/510104/510104001/510104001001/510104001001001/510104001001001001/';
    const bind = (a: Omit<Actor, 'route'>, ...permits: ('event.act' | 'event.read')[]): Actor => ({ ...a, route: { name: 'test', permits } });
    const worker = bind({ userId: 1, grants: [{ role: 'grid_worker', nodeId: 1, nodePath: '5101/510104/510104001/510104001001/510104001001001/' }] }, 'event.act');
    const reporter = bind({ userId: 2, grants: [{ role: 'resident', nodeId: 2, nodePath: micro }] }, 'event.act');
    const dept = bind({ userId: 3, grants: [{ role: 'dept_staff', nodeId: 3, nodePath: '5101/510104/', departmentId: 7 }] }, 'event.act');
    const e = { reporterId: 2, handlerId: null, nodePath: micro, departmentId: null, category: 'road' };

    expect(access.eventParties(worker, e)).toEqual(['grid_worker']);
    expect(access.eventParties(reporter, e)).toEqual(['reporter']);
    expect(access.eventParties(dept, e)).toEqual([]);
    expect(access.eventParties(dept, { ...e, departmentId: 7 })).toEqual(['dept_staff']);
    expect(access.isGridStaffAt(worker, micro)).toBe(true);
    expect(access.isGridStaffAt(reporter, micro)).toBe(false);
    expect(access.isGridStaffAt(dept, micro)).toBe(false);

    expect(access.requireEventAction(worker, e, 'verify')).toEqual(['grid_worker']);
    expect(() => access.requireEventAction(reporter, e, 'verify')).toThrow(expect.objectContaining({ code: 'FORBIDDEN', details: { parties: ['reporter'] } }));
    expect(access.requireEventAction(reporter, { ...e }, 'rate')).toEqual(['reporter']);
    expect(() => access.requireEventAction(dept, e, 'claim')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
