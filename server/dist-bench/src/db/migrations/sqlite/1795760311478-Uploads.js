export class Uploads1795760311478 {
    name = 'Uploads1795760311478';
    async up(queryRunner) {
        await queryRunner.query(`CREATE TABLE "upload" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "public_id" varchar(32) NOT NULL, "owner_id" integer NOT NULL, "mime" varchar(16) NOT NULL, "size" integer NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "storage_key" varchar(100) NOT NULL, "thumb_key" varchar(100) NOT NULL, "moderation" varchar(8) NOT NULL DEFAULT ('pass'), "created_at" datetime NOT NULL)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_upload_public_id" ON "upload" ("public_id") `);
        await queryRunner.query(`CREATE INDEX "idx_upload_owner" ON "upload" ("owner_id", "created_at") `);
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP INDEX "idx_upload_owner"`);
        await queryRunner.query(`DROP INDEX "uq_upload_public_id"`);
        await queryRunner.query(`DROP TABLE "upload"`);
    }
}
//# sourceMappingURL=1795760311478-Uploads.js.map