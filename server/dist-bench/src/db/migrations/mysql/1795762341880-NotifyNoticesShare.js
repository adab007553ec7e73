export class NotifyNoticesShare1795762341880 {
    name = 'NotifyNoticesShare1795762341880';
    async up(queryRunner) {
        await queryRunner.query(`CREATE TABLE \`notification\` (\`id\` int NOT NULL AUTO_INCREMENT, \`user_id\` int NOT NULL, \`kind\` varchar(24) NOT NULL, \`title\` varchar(100) CHARACTER SET "utf8mb4" NOT NULL, \`body\` varchar(500) CHARACTER SET "utf8mb4" NOT NULL, \`page\` varchar(200) NOT NULL, \`ref_type\` varchar(16) NULL, \`ref_id\` int NULL, \`source_key\` varchar(40) NULL, \`created_at\` datetime NOT NULL, \`read_at\` datetime NULL, INDEX \`idx_notification_source\` (\`source_key\`), INDEX \`idx_notification_unread\` (\`user_id\`, \`read_at\`), INDEX \`idx_notification_user\` (\`user_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`subscribe_credit\` (\`id\` int NOT NULL AUTO_INCREMENT, \`user_id\` int NOT NULL, \`template_key\` varchar(24) NOT NULL, \`credits\` int NOT NULL DEFAULT '0', \`updated_at\` datetime NOT NULL, INDEX \`idx_subscribe_credit_template\` (\`template_key\`, \`user_id\`), UNIQUE INDEX \`uq_subscribe_credit\` (\`user_id\`, \`template_key\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`notice\` (\`id\` int NOT NULL AUTO_INCREMENT, \`sender_id\` int NOT NULL, \`node_id\` int NOT NULL, \`node_path\` varchar(200) NOT NULL, \`roles\` varchar(200) NULL, \`title\` varchar(100) CHARACTER SET "utf8mb4" NOT NULL, \`body\` text CHARACTER SET "utf8mb4" NOT NULL, \`attachments\` varchar(400) NULL, \`ack_required\` tinyint NOT NULL DEFAULT 0, \`ack_deadline\` datetime NULL, \`recipients\` int NOT NULL DEFAULT '0', \`created_at\` datetime NOT NULL, \`pushed_at\` datetime NULL, \`reminded_at\` datetime NULL, INDEX \`idx_notice_sender\` (\`sender_id\`, \`id\`), INDEX \`idx_notice_path\` (\`node_path\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`notice_recipient\` (\`id\` int NOT NULL AUTO_INCREMENT, \`notice_id\` int NOT NULL, \`user_id\` int NOT NULL, \`node_path\` varchar(200) NOT NULL, \`read_at\` datetime NULL, \`acked_at\` datetime NULL, INDEX \`idx_notice_recipient_notice\` (\`notice_id\`, \`read_at\`), INDEX \`idx_notice_recipient_user\` (\`user_id\`, \`read_at\`), UNIQUE INDEX \`uq_notice_recipient\` (\`notice_id\`, \`user_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`group_binding\` (\`id\` int NOT NULL AUTO_INCREMENT, \`opengid\` varchar(64) NOT NULL, \`node_id\` int NOT NULL, \`bound_by\` int NOT NULL, \`created_at\` datetime NOT NULL, \`updated_at\` datetime NOT NULL, INDEX \`idx_group_binding_node\` (\`node_id\`), UNIQUE INDEX \`uq_group_binding_opengid\` (\`opengid\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP INDEX \`uq_group_binding_opengid\` ON \`group_binding\``);
        await queryRunner.query(`DROP INDEX \`idx_group_binding_node\` ON \`group_binding\``);
        await queryRunner.query(`DROP TABLE \`group_binding\``);
        await queryRunner.query(`DROP INDEX \`uq_notice_recipient\` ON \`notice_recipient\``);
        await queryRunner.query(`DROP INDEX \`idx_notice_recipient_user\` ON \`notice_recipient\``);
        await queryRunner.query(`DROP INDEX \`idx_notice_recipient_notice\` ON \`notice_recipient\``);
        await queryRunner.query(`DROP TABLE \`notice_recipient\``);
        await queryRunner.query(`DROP INDEX \`idx_notice_path\` ON \`notice\``);
        await queryRunner.query(`DROP INDEX \`idx_notice_sender\` ON \`notice\``);
        await queryRunner.query(`DROP TABLE \`notice\``);
        await queryRunner.query(`DROP INDEX \`uq_subscribe_credit\` ON \`subscribe_credit\``);
        await queryRunner.query(`DROP INDEX \`idx_subscribe_credit_template\` ON \`subscribe_credit\``);
        await queryRunner.query(`DROP TABLE \`subscribe_credit\``);
        await queryRunner.query(`DROP INDEX \`idx_notification_user\` ON \`notification\``);
        await queryRunner.query(`DROP INDEX \`idx_notification_unread\` ON \`notification\``);
        await queryRunner.query(`DROP INDEX \`idx_notification_source\` ON \`notification\``);
        await queryRunner.query(`DROP TABLE \`notification\``);
    }
}
//# sourceMappingURL=1795762341880-NotifyNoticesShare.js.map