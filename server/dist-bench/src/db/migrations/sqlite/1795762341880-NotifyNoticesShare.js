export class NotifyNoticesShare1795762341880 {
    name = 'NotifyNoticesShare1795762341880';
    async up(queryRunner) {
        await queryRunner.query(`CREATE TABLE "notification" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "kind" varchar(24) NOT NULL, "title" varchar(100) NOT NULL, "body" varchar(500) NOT NULL, "page" varchar(200) NOT NULL, "ref_type" varchar(16), "ref_id" integer, "source_key" varchar(40), "created_at" datetime NOT NULL, "read_at" datetime)`);
        await queryRunner.query(`CREATE INDEX "idx_notification_source" ON "notification" ("source_key") `);
        await queryRunner.query(`CREATE INDEX "idx_notification_unread" ON "notification" ("user_id", "read_at") `);
        await queryRunner.query(`CREATE INDEX "idx_notification_user" ON "notification" ("user_id", "id") `);
        await queryRunner.query(`CREATE TABLE "subscribe_credit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "template_key" varchar(24) NOT NULL, "credits" integer NOT NULL DEFAULT (0), "updated_at" datetime NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "idx_subscribe_credit_template" ON "subscribe_credit" ("template_key", "user_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_subscribe_credit" ON "subscribe_credit" ("user_id", "template_key") `);
        await queryRunner.query(`CREATE TABLE "notice" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "sender_id" integer NOT NULL, "node_id" integer NOT NULL, "node_path" varchar(200) NOT NULL, "roles" varchar(200), "title" varchar(100) NOT NULL, "body" text NOT NULL, "attachments" varchar(400), "ack_required" boolean NOT NULL DEFAULT (0), "ack_deadline" datetime, "recipients" integer NOT NULL DEFAULT (0), "created_at" datetime NOT NULL, "pushed_at" datetime, "reminded_at" datetime)`);
        await queryRunner.query(`CREATE INDEX "idx_notice_sender" ON "notice" ("sender_id", "id") `);
        await queryRunner.query(`CREATE INDEX "idx_notice_path" ON "notice" ("node_path", "id") `);
        await queryRunner.query(`CREATE TABLE "notice_recipient" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "notice_id" integer NOT NULL, "user_id" integer NOT NULL, "node_path" varchar(200) NOT NULL, "read_at" datetime, "acked_at" datetime)`);
        await queryRunner.query(`CREATE INDEX "idx_notice_recipient_notice" ON "notice_recipient" ("notice_id", "read_at") `);
        await queryRunner.query(`CREATE INDEX "idx_notice_recipient_user" ON "notice_recipient" ("user_id", "read_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_notice_recipient" ON "notice_recipient" ("notice_id", "user_id") `);
        await queryRunner.query(`CREATE TABLE "group_binding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "opengid" varchar(64) NOT NULL, "node_id" integer NOT NULL, "bound_by" integer NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "idx_group_binding_node" ON "group_binding" ("node_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_group_binding_opengid" ON "group_binding" ("opengid") `);
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP INDEX "uq_group_binding_opengid"`);
        await queryRunner.query(`DROP INDEX "idx_group_binding_node"`);
        await queryRunner.query(`DROP TABLE "group_binding"`);
        await queryRunner.query(`DROP INDEX "uq_notice_recipient"`);
        await queryRunner.query(`DROP INDEX "idx_notice_recipient_user"`);
        await queryRunner.query(`DROP INDEX "idx_notice_recipient_notice"`);
        await queryRunner.query(`DROP TABLE "notice_recipient"`);
        await queryRunner.query(`DROP INDEX "idx_notice_path"`);
        await queryRunner.query(`DROP INDEX "idx_notice_sender"`);
        await queryRunner.query(`DROP TABLE "notice"`);
        await queryRunner.query(`DROP INDEX "uq_subscribe_credit"`);
        await queryRunner.query(`DROP INDEX "idx_subscribe_credit_template"`);
        await queryRunner.query(`DROP TABLE "subscribe_credit"`);
        await queryRunner.query(`DROP INDEX "idx_notification_user"`);
        await queryRunner.query(`DROP INDEX "idx_notification_unread"`);
        await queryRunner.query(`DROP INDEX "idx_notification_source"`);
        await queryRunner.query(`DROP TABLE "notification"`);
    }
}
//# sourceMappingURL=1795762341880-NotifyNoticesShare.js.map