export class Accounts1795760184174 {
    name = 'Accounts1795760184174';
    async up(queryRunner) {
        await queryRunner.query(`CREATE TABLE "app_user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "openid" varchar(64) NOT NULL, "unionid" varchar(64), "name" varchar(50), "phone" varchar(20), "phone_bound_at" datetime, "session_key" varchar(64), "disabled" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL, "last_login_at" datetime)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_openid" ON "app_user" ("openid") `);
        await queryRunner.query(`CREATE TABLE "role_grant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "role" varchar(20) NOT NULL, "node_id" integer NOT NULL, "department_id" integer, "granted_by" integer, "created_at" datetime NOT NULL, "revoked_at" datetime, "revoked_by" integer)`);
        await queryRunner.query(`CREATE INDEX "idx_role_grant_node" ON "role_grant" ("node_id") `);
        await queryRunner.query(`CREATE INDEX "idx_role_grant_user" ON "role_grant" ("user_id", "revoked_at") `);
        await queryRunner.query(`CREATE TABLE "department" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(50) NOT NULL, "node_id" integer NOT NULL, "created_at" datetime NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "idx_department_node" ON "department" ("node_id") `);
        await queryRunner.query(`CREATE TABLE "department_category" ("department_id" integer NOT NULL, "category_code" varchar(32) NOT NULL, PRIMARY KEY ("department_id", "category_code"))`);
        await queryRunner.query(`CREATE INDEX "idx_department_category_code" ON "department_category" ("category_code") `);
        await queryRunner.query(`CREATE TABLE "invite" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(16) NOT NULL, "role" varchar(20) NOT NULL, "node_id" integer NOT NULL, "department_id" integer, "created_by" integer, "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL, "used_by" integer, "used_at" datetime, "revoked_at" datetime)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_invite_code" ON "invite" ("code") `);
        await queryRunner.query(`CREATE INDEX "idx_invite_node" ON "invite" ("node_id") `);
        await queryRunner.query(`CREATE TABLE "auth_session" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "refresh_hash" varchar(64) NOT NULL, "prev_refresh_hash" varchar(64), "created_at" datetime NOT NULL, "last_used_at" datetime NOT NULL, "expires_at" datetime NOT NULL, "revoked_at" datetime)`);
        await queryRunner.query(`CREATE INDEX "idx_auth_session_user" ON "auth_session" ("user_id") `);
        await queryRunner.query(`CREATE TABLE "wechat_token" ("appid" varchar(32) PRIMARY KEY NOT NULL, "access_token" varchar(512), "expires_at" double NOT NULL DEFAULT (0), "lease_owner" varchar(64), "lease_until" double NOT NULL DEFAULT (0), "version" integer NOT NULL DEFAULT (0))`);
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP TABLE "wechat_token"`);
        await queryRunner.query(`DROP INDEX "idx_auth_session_user"`);
        await queryRunner.query(`DROP TABLE "auth_session"`);
        await queryRunner.query(`DROP INDEX "idx_invite_node"`);
        await queryRunner.query(`DROP INDEX "uq_invite_code"`);
        await queryRunner.query(`DROP TABLE "invite"`);
        await queryRunner.query(`DROP INDEX "idx_department_category_code"`);
        await queryRunner.query(`DROP TABLE "department_category"`);
        await queryRunner.query(`DROP INDEX "idx_department_node"`);
        await queryRunner.query(`DROP TABLE "department"`);
        await queryRunner.query(`DROP INDEX "idx_role_grant_user"`);
        await queryRunner.query(`DROP INDEX "idx_role_grant_node"`);
        await queryRunner.query(`DROP TABLE "role_grant"`);
        await queryRunner.query(`DROP INDEX "uq_app_user_openid"`);
        await queryRunner.query(`DROP TABLE "app_user"`);
    }
}
//# sourceMappingURL=1795760184174-Accounts.js.map