var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
/**
 * Builds the Actor for a request from the session in the token, in one indexed query: the session
 * (primary key) must be live and its user enabled, and the user's live grants come along (by the
 * (user_id, revoked_at) index). Nothing is cached, so revoking a session or a role takes effect on
 * the next request.
 */
let ActorLoader = class ActorLoader {
    ds;
    constructor(ds) {
        this.ds = ds;
    }
    /** The actor, or null when the session is revoked or expired or the user disabled. */
    async load(userId, sessionId) {
        const rows = await this.ds.query(`SELECT u.disabled AS disabled, s.expires_at AS expires_at, g.id AS id, g.role AS role, g.node_id AS node_id, n.path AS path, g.department_id AS department_id
         FROM auth_session s
         JOIN app_user u ON u.id = s.user_id
         LEFT JOIN role_grant g ON g.user_id = u.id AND g.revoked_at IS NULL
         LEFT JOIN grid_node n ON n.id = g.node_id
        WHERE s.id = ? AND s.user_id = ? AND s.revoked_at IS NULL`, [sessionId, userId]);
        const first = rows[0];
        if (!first || Number(first.disabled))
            return null;
        if (parseDbDate(first.expires_at).getTime() <= Date.now())
            return null;
        const grants = rows
            .filter((r) => r.id !== null && r.path !== null)
            .map((r) => ({ grantId: Number(r.id), role: r.role, nodeId: Number(r.node_id), nodePath: r.path, departmentId: r.department_id === null ? null : Number(r.department_id) }));
        return { userId, sessionId, grants };
    }
};
ActorLoader = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [Function])
], ActorLoader);
export { ActorLoader };
/** Raw queries return datetimes as Date (mysql2) or 'YYYY-MM-DD HH:MM:SS[.fff]' UTC text (SQLite). */
export function parseDbDate(v) {
    if (v instanceof Date)
        return v;
    return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);
}
//# sourceMappingURL=actor-loader.js.map