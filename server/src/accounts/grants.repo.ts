import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { GridLevel, Role } from '@weigrid/shared';
import { dbDate, num, numOrNull } from '../db/rows.js';
import { subtreeSql } from '../grids/grid-tree.repo.js';
import { Department, DepartmentCategory } from './department.entity.js';
import { Invite } from './invite.entity.js';
import { RoleGrantRow } from './role-grant.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/**
 * The accounts module's own SQL on role_grant (writes and admin listings), invite, department and
 * department_category. Reads other modules need ("who holds role R where") are the Staff port in
 * staff.repo.ts. Methods take the caller's EntityManager last.
 */
@Injectable()
export class GrantsRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /** Live grants at nodes in the subtree under `path` with node and holder, newest first (by id). */
  @GenerateSql({ name: 'first page', params: ['5101/510104/510104017/', 51] })
  @GenerateSql({ name: 'after a cursor', params: ['5101/510104/510104017/', 51, 100] })
  async liveInSubtree(path: string, limit: number, before?: number, m?: EntityManager) {
    const sub = subtreeSql('n.path', path);
    const params: unknown[] = [...sub.params];
    let cursor = '';
    if (before !== undefined) {
      cursor = 'AND g.id < ?';
      params.push(before);
    }
    params.push(limit);
    const rows: { id: number; user_id: number; role: Role; code: string; name: string; level: GridLevel; department_id: number | null; created_at: Date | string; user_name: string | null; phone: string | null }[] = await this.mm(m).query(
      `SELECT g.id AS id, g.user_id AS user_id, g.role AS role, n.code AS code, n.name AS name, n.level AS level, g.department_id AS department_id, g.created_at AS created_at, u.name AS user_name, u.phone AS phone
         FROM role_grant g JOIN grid_node n ON n.id = g.node_id JOIN app_user u ON u.id = g.user_id
        WHERE ${sub.sql} AND g.revoked_at IS NULL ${cursor}
        ORDER BY g.id DESC LIMIT ?`,
      params,
    );
    return rows.map((r) => ({
      id: num(r.id),
      userId: num(r.user_id),
      userName: r.user_name,
      phone: r.phone,
      role: r.role,
      nodeCode: r.code,
      nodeName: r.name,
      nodeLevel: r.level,
      departmentId: numOrNull(r.department_id),
      createdAt: dbDate(r.created_at),
    }));
  }

  @GenerateSql({ params: [1] })
  liveGrant(id: number, m?: EntityManager): Promise<RoleGrantRow | null> {
    return this.mm(m).findOneBy(RoleGrantRow, { id, revokedAt: IsNull() });
  }

  /** Revokes a live grant; false when it was not live (any more). */
  @GenerateSql({ params: [1, 7] })
  async revoke(id: number, by: number, m?: EntityManager): Promise<boolean> {
    const r = await this.mm(m).update(RoleGrantRow, { id, revokedAt: IsNull() }, { revokedAt: new Date(), revokedBy: by });
    return !!r.affected;
  }

  /** Grants `role` at `nodeId` to the user unless they hold it there already (live); true when granted now. */
  @GenerateSql({ params: [{ userId: 7, role: 'grid_worker', nodeId: 1, departmentId: null, grantedBy: 2, at: new Date('2026-01-15T08:00:00.000Z') }] })
  async grantOnce(g: { userId: number; role: Role; nodeId: number; departmentId: number | null; grantedBy: number | null; at: Date }, m?: EntityManager): Promise<boolean> {
    const mm = this.mm(m);
    const same = await mm.findOneBy(RoleGrantRow, { userId: g.userId, role: g.role, nodeId: g.nodeId, revokedAt: IsNull() });
    if (same) return false;
    await mm.insert(RoleGrantRow, { userId: g.userId, role: g.role, nodeId: g.nodeId, departmentId: g.departmentId, grantedBy: g.grantedBy, createdAt: g.at, revokedAt: null, revokedBy: null });
    return true;
  }

  // ── invites ──

  @GenerateSql({ params: ['ABCD2345'] })
  inviteByCode(code: string, m?: EntityManager): Promise<Invite | null> {
    return this.mm(m).findOneBy(Invite, { code });
  }

  /** Inserts an invite; throws a unique violation when the code is taken. */
  @GenerateSql({ params: [{ code: 'ABCD2345', role: 'grid_worker', nodeId: 1, departmentId: null, createdBy: 2, createdAt: new Date('2026-01-15T08:00:00.000Z'), expiresAt: new Date('2026-01-15T08:00:00.000Z'), usedBy: null, usedAt: null, revokedAt: null }] })
  async insertInvite(row: Omit<Invite, 'id'>, m?: EntityManager): Promise<void> {
    await this.mm(m).insert(Invite, row);
  }

  /** Marks an unused, unrevoked invite as used — two people racing for one code: one wins. */
  @GenerateSql({ params: [1, 7, new Date('2026-01-15T08:00:00.000Z')] })
  async takeInvite(id: number, userId: number, at: Date, m?: EntityManager): Promise<boolean> {
    const r = await this.mm(m).update(Invite, { id, usedAt: IsNull(), revokedAt: IsNull() }, { usedAt: at, usedBy: userId });
    return !!r.affected;
  }

  /** Revokes an unused, unrevoked invite; false when it was used or revoked already. */
  @GenerateSql({ params: [1] })
  async revokeInvite(id: number, m?: EntityManager): Promise<boolean> {
    const r = await this.mm(m).update(Invite, { id, usedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
    return !!r.affected;
  }

  /** Invites for nodes in the subtree under `path`, newest first, with their node's code and name. */
  @GenerateSql({ params: ['5101/510104/510104017/', 50] })
  async invitesInSubtree(path: string, limit: number, m?: EntityManager) {
    const sub = subtreeSql('n.path', path);
    const rows: { code: string; role: Role; node_code: string; node_name: string; department_id: number | null; created_at: Date | string; expires_at: Date | string; used_at: Date | string | null; revoked_at: Date | string | null }[] = await this.mm(m).query(
      `SELECT i.code AS code, i.role AS role, n.code AS node_code, n.name AS node_name, i.department_id AS department_id, i.created_at AS created_at, i.expires_at AS expires_at, i.used_at AS used_at, i.revoked_at AS revoked_at
         FROM invite i JOIN grid_node n ON n.id = i.node_id
        WHERE ${sub.sql}
        ORDER BY i.id DESC LIMIT ?`,
      [...sub.params, limit],
    );
    return rows;
  }

  // ── departments ──

  @GenerateSql({ params: [1] })
  departmentById(id: number, m?: EntityManager): Promise<Department | null> {
    return this.mm(m).findOneBy(Department, { id });
  }

  /** A department with the categories it handles, in one transaction; its id. */
  @GenerateSql({ params: ['城管', 1, ['road', 'litter']] })
  createDepartment(name: string, nodeId: number, categoryCodes: readonly string[]): Promise<number> {
    return this.ds.transaction(async (m) => {
      const r = await m.insert(Department, { name, nodeId, createdAt: new Date() });
      const depId = num(r.identifiers[0]!.id);
      if (categoryCodes.length) await m.insert(DepartmentCategory, categoryCodes.map((c) => ({ departmentId: depId, categoryCode: c })));
      return depId;
    });
  }

  /** Departments serving any of these nodes, by id, each with its categories. */
  @GenerateSql({ params: [[1, 2]] })
  async departmentsAt(nodeIds: readonly number[], m?: EntityManager): Promise<{ id: number; name: string; nodeId: number; categoryCodes: string[] }[]> {
    if (nodeIds.length === 0) return [];
    const mm = this.mm(m);
    const deps = await mm.find(Department, { where: { nodeId: In([...nodeIds]) }, order: { id: 'ASC' } });
    const cats = deps.length ? await mm.find(DepartmentCategory, { where: { departmentId: In(deps.map((d) => d.id)) } }) : [];
    return deps.map((d) => ({ id: d.id, name: d.name, nodeId: d.nodeId, categoryCodes: cats.filter((c) => c.departmentId === d.id).map((c) => c.categoryCode) }));
  }
}
