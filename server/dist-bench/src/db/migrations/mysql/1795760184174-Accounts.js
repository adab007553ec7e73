export class Accounts1795760184174 {
    name = 'Accounts1795760184174';
    async up(queryRunner) {
        await queryRunner.query(`CREATE TABLE \`app_user\` (\`id\` int NOT NULL AUTO_INCREMENT, \`openid\` varchar(64) NOT NULL, \`unionid\` varchar(64) NULL, \`name\` varchar(50) CHARACTER SET "utf8mb4" NULL, \`phone\` varchar(20) NULL, \`phone_bound_at\` datetime NULL, \`session_key\` varchar(64) NULL, \`disabled\` tinyint NOT NULL DEFAULT 0, \`created_at\` datetime NOT NULL, \`last_login_at\` datetime NULL, UNIQUE INDEX \`uq_app_user_openid\` (\`openid\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`role_grant\` (\`id\` int NOT NULL AUTO_INCREMENT, \`user_id\` int NOT NULL, \`role\` varchar(20) NOT NULL, \`node_id\` int NOT NULL, \`department_id\` int NULL, \`granted_by\` int NULL, \`created_at\` datetime NOT NULL, \`revoked_at\` datetime NULL, \`revoked_by\` int NULL, INDEX \`idx_role_grant_node\` (\`node_id\`), INDEX \`idx_role_grant_user\` (\`user_id\`, \`revoked_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`department\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(50) CHARACTER SET "utf8mb4" NOT NULL, \`node_id\` int NOT NULL, \`created_at\` datetime NOT NULL, INDEX \`idx_department_node\` (\`node_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`department_category\` (\`department_id\` int NOT NULL, \`category_code\` varchar(32) NOT NULL, INDEX \`idx_department_category_code\` (\`category_code\`), PRIMARY KEY (\`department_id\`, \`category_code\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`invite\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(16) NOT NULL, \`role\` varchar(20) NOT NULL, \`node_id\` int NOT NULL, \`department_id\` int NULL, \`created_by\` int NULL, \`created_at\` datetime NOT NULL, \`expires_at\` datetime NOT NULL, \`used_by\` int NULL, \`used_at\` datetime NULL, \`revoked_at\` datetime NULL, UNIQUE INDEX \`uq_invite_code\` (\`code\`), INDEX \`idx_invite_node\` (\`node_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`auth_session\` (\`id\` int NOT NULL AUTO_INCREMENT, \`user_id\` int NOT NULL, \`refresh_hash\` varchar(64) NOT NULL, \`prev_refresh_hash\` varchar(64) NULL, \`created_at\` datetime NOT NULL, \`last_used_at\` datetime NOT NULL, \`expires_at\` datetime NOT NULL, \`revoked_at\` datetime NULL, INDEX \`idx_auth_session_user\` (\`user_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`wechat_token\` (\`appid\` varchar(32) NOT NULL, \`access_token\` varchar(512) NULL, \`expires_at\` double NOT NULL DEFAULT '0', \`lease_owner\` varchar(64) NULL, \`lease_until\` double NOT NULL DEFAULT '0', \`version\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`appid\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP TABLE \`wechat_token\``);
        await queryRunner.query(`DROP INDEX \`idx_auth_session_user\` ON \`auth_session\``);
        await queryRunner.query(`DROP TABLE \`auth_session\``);
        await queryRunner.query(`DROP INDEX \`idx_invite_node\` ON \`invite\``);
        await queryRunner.query(`DROP INDEX \`uq_invite_code\` ON \`invite\``);
        await queryRunner.query(`DROP TABLE \`invite\``);
        await queryRunner.query(`DROP INDEX \`idx_department_category_code\` ON \`department_category\``);
        await queryRunner.query(`DROP TABLE \`department_category\``);
        await queryRunner.query(`DROP INDEX \`idx_department_node\` ON \`department\``);
        await queryRunner.query(`DROP TABLE \`department\``);
        await queryRunner.query(`DROP INDEX \`idx_role_grant_user\` ON \`role_grant\``);
        await queryRunner.query(`DROP INDEX \`idx_role_grant_node\` ON \`role_grant\``);
        await queryRunner.query(`DROP TABLE \`role_grant\``);
        await queryRunner.query(`DROP INDEX \`uq_app_user_openid\` ON \`app_user\``);
        await queryRunner.query(`DROP TABLE \`app_user\``);
    }
}
//# sourceMappingURL=1795760184174-Accounts.js.map