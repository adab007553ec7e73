export class Init1795759416251 {
    name = 'Init1795759416251';
    async up(queryRunner) {
        await queryRunner.query(`CREATE TABLE \`category\` (\`code\` varchar(32) NOT NULL, \`name\` varchar(50) CHARACTER SET "utf8mb4" NOT NULL, \`icon\` varchar(32) NOT NULL DEFAULT '', \`sort\` int NOT NULL DEFAULT '0', \`active\` tinyint NOT NULL DEFAULT 1, PRIMARY KEY (\`code\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`grid_node\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(18) NOT NULL, \`name\` varchar(100) CHARACTER SET "utf8mb4" NOT NULL, \`level\` varchar(12) NOT NULL, \`parent_id\` int NULL, \`path\` varchar(200) NOT NULL, \`depth\` int NOT NULL DEFAULT '0', \`is_virtual\` tinyint NOT NULL DEFAULT 0, \`boundary\` text NULL, \`crs\` varchar(8) NOT NULL DEFAULT 'gcj02', \`min_lng\` double NULL, \`min_lat\` double NULL, \`max_lng\` double NULL, \`max_lat\` double NULL, \`synthetic\` tinyint NOT NULL DEFAULT 0, UNIQUE INDEX \`uq_grid_node_code\` (\`code\`), INDEX \`idx_grid_node_parent\` (\`parent_id\`), INDEX \`idx_grid_node_path\` (\`path\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP INDEX \`idx_grid_node_path\` ON \`grid_node\``);
        await queryRunner.query(`DROP INDEX \`idx_grid_node_parent\` ON \`grid_node\``);
        await queryRunner.query(`DROP INDEX \`uq_grid_node_code\` ON \`grid_node\``);
        await queryRunner.query(`DROP TABLE \`grid_node\``);
        await queryRunner.query(`DROP TABLE \`category\``);
    }
}
//# sourceMappingURL=1795759416251-Init.js.map