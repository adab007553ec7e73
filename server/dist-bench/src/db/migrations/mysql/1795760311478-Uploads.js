export class Uploads1795760311478 {
    name = 'Uploads1795760311478';
    async up(queryRunner) {
        await queryRunner.query(`CREATE TABLE \`upload\` (\`id\` int NOT NULL AUTO_INCREMENT, \`public_id\` varchar(32) NOT NULL, \`owner_id\` int NOT NULL, \`mime\` varchar(16) NOT NULL, \`size\` int NOT NULL, \`width\` int NOT NULL, \`height\` int NOT NULL, \`storage_key\` varchar(100) NOT NULL, \`thumb_key\` varchar(100) NOT NULL, \`moderation\` varchar(8) NOT NULL DEFAULT 'pass', \`created_at\` datetime NOT NULL, UNIQUE INDEX \`uq_upload_public_id\` (\`public_id\`), INDEX \`idx_upload_owner\` (\`owner_id\`, \`created_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP INDEX \`idx_upload_owner\` ON \`upload\``);
        await queryRunner.query(`DROP INDEX \`uq_upload_public_id\` ON \`upload\``);
        await queryRunner.query(`DROP TABLE \`upload\``);
    }
}
//# sourceMappingURL=1795760311478-Uploads.js.map