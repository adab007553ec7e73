export class Outbox1795759928283 {
    name = 'Outbox1795759928283';
    async up(queryRunner) {
        await queryRunner.query(`CREATE TABLE \`outbox\` (\`id\` int NOT NULL AUTO_INCREMENT, \`kind\` varchar(64) NOT NULL, \`payload\` text CHARACTER SET "utf8mb4" NOT NULL, \`status\` varchar(10) NOT NULL DEFAULT 'pending', \`attempts\` int NOT NULL DEFAULT '0', \`due_at\` datetime NOT NULL, \`created_at\` datetime NOT NULL, \`sent_at\` datetime NULL, \`claimed_by\` varchar(64) NULL, \`claimed_until\` datetime NULL, \`last_error\` varchar(500) CHARACTER SET "utf8mb4" NULL, INDEX \`idx_outbox_due\` (\`status\`, \`due_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP INDEX \`idx_outbox_due\` ON \`outbox\``);
        await queryRunner.query(`DROP TABLE \`outbox\``);
    }
}
//# sourceMappingURL=1795759928283-Outbox.js.map