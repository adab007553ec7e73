export class Outbox1795759928283 {
    name = 'Outbox1795759928283';
    async up(queryRunner) {
        await queryRunner.query(`CREATE TABLE "outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar(64) NOT NULL, "payload" text NOT NULL, "status" varchar(10) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "due_at" datetime NOT NULL, "created_at" datetime NOT NULL, "sent_at" datetime, "claimed_by" varchar(64), "claimed_until" datetime, "last_error" varchar(500))`);
        await queryRunner.query(`CREATE INDEX "idx_outbox_due" ON "outbox" ("status", "due_at") `);
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP INDEX "idx_outbox_due"`);
        await queryRunner.query(`DROP TABLE "outbox"`);
    }
}
//# sourceMappingURL=1795759928283-Outbox.js.map