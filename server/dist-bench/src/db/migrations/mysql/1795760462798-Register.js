export class Register1795760462798 {
    name = 'Register1795760462798';
    async up(queryRunner) {
        await queryRunner.query(`CREATE TABLE \`reg_place\` (\`id\` int NOT NULL AUTO_INCREMENT, \`grid_node_id\` int NOT NULL, \`grid_path\` varchar(200) NOT NULL, \`address\` varchar(200) CHARACTER SET "utf8mb4" NOT NULL, \`building\` varchar(20) CHARACTER SET "utf8mb4" NOT NULL DEFAULT '', \`unit\` varchar(20) CHARACTER SET "utf8mb4" NOT NULL DEFAULT '', \`room\` varchar(20) CHARACTER SET "utf8mb4" NOT NULL DEFAULT '', \`lng\` double NULL, \`lat\` double NULL, \`created_at\` datetime NOT NULL, \`updated_at\` datetime NOT NULL, INDEX \`idx_reg_place_path\` (\`grid_path\`), UNIQUE INDEX \`uq_reg_place_address\` (\`grid_node_id\`, \`address\`, \`building\`, \`unit\`, \`room\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`reg_household\` (\`id\` int NOT NULL AUTO_INCREMENT, \`place_id\` int NOT NULL, \`grid_node_id\` int NOT NULL, \`grid_path\` varchar(200) NOT NULL, \`code\` varchar(32) CHARACTER SET "utf8mb4" NOT NULL DEFAULT '', \`note\` varchar(500) CHARACTER SET "utf8mb4" NOT NULL DEFAULT '', \`version\` int NOT NULL DEFAULT '1', \`created_at\` datetime NOT NULL, \`updated_at\` datetime NOT NULL, INDEX \`idx_reg_household_path\` (\`grid_path\`), INDEX \`idx_reg_household_place\` (\`place_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`reg_person\` (\`id\` int NOT NULL AUTO_INCREMENT, \`household_id\` int NOT NULL, \`grid_path\` varchar(200) NOT NULL, \`name\` varchar(50) CHARACTER SET "utf8mb4" NOT NULL, \`relation\` varchar(10) CHARACTER SET "utf8mb4" NOT NULL DEFAULT '其他', \`phone_enc\` varchar(120) NULL, \`phone_hash\` varchar(32) NULL, \`id_enc\` varchar(120) NULL, \`id_hash\` varchar(32) NULL, \`birth_year\` int NULL, \`gender\` varchar(6) NULL, \`tags\` varchar(200) CHARACTER SET "utf8mb4" NOT NULL DEFAULT '', \`user_id\` int NULL, \`version\` int NOT NULL DEFAULT '1', \`created_at\` datetime NOT NULL, \`updated_at\` datetime NOT NULL, INDEX \`idx_reg_person_user\` (\`user_id\`), INDEX \`idx_reg_person_idno\` (\`id_hash\`), INDEX \`idx_reg_person_phone\` (\`phone_hash\`), INDEX \`idx_reg_person_path\` (\`grid_path\`), INDEX \`idx_reg_person_name\` (\`name\`, \`grid_path\`), INDEX \`idx_reg_person_household\` (\`household_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`reg_person_tag\` (\`person_id\` int NOT NULL, \`tag\` varchar(16) CHARACTER SET "utf8mb4" NOT NULL, \`grid_path\` varchar(200) NOT NULL, INDEX \`idx_reg_person_tag_scope\` (\`tag\`, \`grid_path\`, \`person_id\`), PRIMARY KEY (\`person_id\`, \`tag\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`reg_organization\` (\`id\` int NOT NULL AUTO_INCREMENT, \`place_id\` int NOT NULL, \`grid_path\` varchar(200) NOT NULL, \`name\` varchar(100) CHARACTER SET "utf8mb4" NOT NULL, \`kind\` varchar(16) NOT NULL, \`credit_code\` varchar(18) NULL, \`contact_name\` varchar(50) CHARACTER SET "utf8mb4" NULL, \`contact_phone\` varchar(20) NULL, \`created_at\` datetime NOT NULL, \`updated_at\` datetime NOT NULL, INDEX \`idx_reg_org_path\` (\`grid_path\`), INDEX \`idx_reg_org_place\` (\`place_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`reg_risk_item\` (\`id\` int NOT NULL AUTO_INCREMENT, \`place_id\` int NOT NULL, \`household_id\` int NULL, \`grid_path\` varchar(200) NOT NULL, \`kind\` varchar(20) NOT NULL, \`state\` varchar(12) NOT NULL DEFAULT 'open', \`note\` varchar(500) CHARACTER SET "utf8mb4" NOT NULL DEFAULT '', \`version\` int NOT NULL DEFAULT '1', \`created_at\` datetime NOT NULL, \`updated_at\` datetime NOT NULL, \`resolved_at\` datetime NULL, INDEX \`idx_reg_risk_path\` (\`grid_path\`, \`state\`), INDEX \`idx_reg_risk_place\` (\`place_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`reg_access_log\` (\`id\` int NOT NULL AUTO_INCREMENT, \`at\` datetime NOT NULL, \`user_id\` int NOT NULL, \`action\` varchar(32) NOT NULL, \`target_type\` varchar(16) NOT NULL, \`target_id\` int NULL, \`grid_path\` varchar(200) NULL, \`allowed\` tinyint NOT NULL, \`detail\` varchar(300) CHARACTER SET "utf8mb4" NOT NULL DEFAULT '', \`request_id\` varchar(64) NULL, INDEX \`idx_reg_access_path\` (\`grid_path\`, \`at\`), INDEX \`idx_reg_access_target\` (\`target_type\`, \`target_id\`), INDEX \`idx_reg_access_user\` (\`user_id\`, \`at\`), INDEX \`idx_reg_access_at\` (\`at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`care_schedule\` (\`id\` int NOT NULL AUTO_INCREMENT, \`person_id\` int NOT NULL, \`household_id\` int NOT NULL, \`grid_path\` varchar(200) NOT NULL, \`tag\` varchar(16) CHARACTER SET "utf8mb4" NOT NULL, \`interval_days\` int NOT NULL, \`next_due_at\` datetime NOT NULL, \`last_visit_at\` datetime NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`created_by\` int NOT NULL, \`created_at\` datetime NOT NULL, INDEX \`idx_care_schedule_person\` (\`person_id\`), INDEX \`idx_care_schedule_due\` (\`grid_path\`, \`next_due_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`care_visit\` (\`id\` int NOT NULL AUTO_INCREMENT, \`schedule_id\` int NULL, \`person_id\` int NOT NULL, \`household_id\` int NOT NULL, \`grid_path\` varchar(200) NOT NULL, \`visitor_user_id\` int NOT NULL, \`visited_at\` datetime NOT NULL, \`notes\` text CHARACTER SET "utf8mb4" NOT NULL, \`photos\` text NOT NULL, \`event_id\` int NULL, \`created_at\` datetime NOT NULL, INDEX \`idx_care_visit_path\` (\`grid_path\`, \`visited_at\`), INDEX \`idx_care_visit_person\` (\`person_id\`, \`visited_at\`), INDEX \`idx_care_visit_household\` (\`household_id\`, \`visited_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`volunteer\` (\`id\` int NOT NULL AUTO_INCREMENT, \`user_id\` int NOT NULL, \`kind\` varchar(16) NOT NULL, \`grid_node_id\` int NOT NULL, \`grid_path\` varchar(200) NOT NULL, \`display_name\` varchar(50) CHARACTER SET "utf8mb4" NOT NULL, \`skills\` varchar(300) CHARACTER SET "utf8mb4" NOT NULL DEFAULT '', \`availability\` varchar(200) CHARACTER SET "utf8mb4" NOT NULL DEFAULT '', \`party_org\` varchar(100) CHARACTER SET "utf8mb4" NOT NULL DEFAULT '', \`status\` varchar(10) NOT NULL DEFAULT 'active', \`registered_at\` datetime NOT NULL, INDEX \`idx_volunteer_path\` (\`grid_path\`), UNIQUE INDEX \`uq_volunteer_user_kind\` (\`user_id\`, \`kind\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`volunteer_task\` (\`id\` int NOT NULL AUTO_INCREMENT, \`volunteer_id\` int NOT NULL, \`grid_path\` varchar(200) NOT NULL, \`event_id\` int NULL, \`title\` varchar(200) CHARACTER SET "utf8mb4" NOT NULL, \`assigned_by\` int NOT NULL, \`assigned_at\` datetime NOT NULL, \`state\` varchar(10) NOT NULL DEFAULT 'assigned', \`minutes\` int NOT NULL DEFAULT '0', \`note\` varchar(500) CHARACTER SET "utf8mb4" NOT NULL DEFAULT '', \`done_at\` datetime NULL, \`version\` int NOT NULL DEFAULT '1', INDEX \`idx_volunteer_task_event\` (\`event_id\`), INDEX \`idx_volunteer_task_path\` (\`grid_path\`, \`assigned_at\`), INDEX \`idx_volunteer_task_volunteer\` (\`volunteer_id\`, \`state\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP INDEX \`idx_volunteer_task_volunteer\` ON \`volunteer_task\``);
        await queryRunner.query(`DROP INDEX \`idx_volunteer_task_path\` ON \`volunteer_task\``);
        await queryRunner.query(`DROP INDEX \`idx_volunteer_task_event\` ON \`volunteer_task\``);
        await queryRunner.query(`DROP TABLE \`volunteer_task\``);
        await queryRunner.query(`DROP INDEX \`uq_volunteer_user_kind\` ON \`volunteer\``);
        await queryRunner.query(`DROP INDEX \`idx_volunteer_path\` ON \`volunteer\``);
        await queryRunner.query(`DROP TABLE \`volunteer\``);
        await queryRunner.query(`DROP INDEX \`idx_care_visit_household\` ON \`care_visit\``);
        await queryRunner.query(`DROP INDEX \`idx_care_visit_person\` ON \`care_visit\``);
        await queryRunner.query(`DROP INDEX \`idx_care_visit_path\` ON \`care_visit\``);
        await queryRunner.query(`DROP TABLE \`care_visit\``);
        await queryRunner.query(`DROP INDEX \`idx_care_schedule_due\` ON \`care_schedule\``);
        await queryRunner.query(`DROP INDEX \`idx_care_schedule_person\` ON \`care_schedule\``);
        await queryRunner.query(`DROP TABLE \`care_schedule\``);
        await queryRunner.query(`DROP INDEX \`idx_reg_access_at\` ON \`reg_access_log\``);
        await queryRunner.query(`DROP INDEX \`idx_reg_access_user\` ON \`reg_access_log\``);
        await queryRunner.query(`DROP INDEX \`idx_reg_access_target\` ON \`reg_access_log\``);
        await queryRunner.query(`DROP INDEX \`idx_reg_access_path\` ON \`reg_access_log\``);
        await queryRunner.query(`DROP TABLE \`reg_access_log\``);
        await queryRunner.query(`DROP INDEX \`idx_reg_risk_place\` ON \`reg_risk_item\``);
        await queryRunner.query(`DROP INDEX \`idx_reg_risk_path\` ON \`reg_risk_item\``);
        await queryRunner.query(`DROP TABLE \`reg_risk_item\``);
        await queryRunner.query(`DROP INDEX \`idx_reg_org_place\` ON \`reg_organization\``);
        await queryRunner.query(`DROP INDEX \`idx_reg_org_path\` ON \`reg_organization\``);
        await queryRunner.query(`DROP TABLE \`reg_organization\``);
        await queryRunner.query(`DROP INDEX \`idx_reg_person_tag_scope\` ON \`reg_person_tag\``);
        await queryRunner.query(`DROP TABLE \`reg_person_tag\``);
        await queryRunner.query(`DROP INDEX \`idx_reg_person_household\` ON \`reg_person\``);
        await queryRunner.query(`DROP INDEX \`idx_reg_person_name\` ON \`reg_person\``);
        await queryRunner.query(`DROP INDEX \`idx_reg_person_path\` ON \`reg_person\``);
        await queryRunner.query(`DROP INDEX \`idx_reg_person_phone\` ON \`reg_person\``);
        await queryRunner.query(`DROP INDEX \`idx_reg_person_idno\` ON \`reg_person\``);
        await queryRunner.query(`DROP INDEX \`idx_reg_person_user\` ON \`reg_person\``);
        await queryRunner.query(`DROP TABLE \`reg_person\``);
        await queryRunner.query(`DROP INDEX \`idx_reg_household_place\` ON \`reg_household\``);
        await queryRunner.query(`DROP INDEX \`idx_reg_household_path\` ON \`reg_household\``);
        await queryRunner.query(`DROP TABLE \`reg_household\``);
        await queryRunner.query(`DROP INDEX \`uq_reg_place_address\` ON \`reg_place\``);
        await queryRunner.query(`DROP INDEX \`idx_reg_place_path\` ON \`reg_place\``);
        await queryRunner.query(`DROP TABLE \`reg_place\``);
    }
}
//# sourceMappingURL=1795760462798-Register.js.map