import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Register1795760462798 implements MigrationInterface {
  name = 'Register1795760462798';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "reg_place" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "grid_node_id" integer NOT NULL, "grid_path" varchar(200) NOT NULL, "address" varchar(200) NOT NULL, "building" varchar(20) NOT NULL DEFAULT (''), "unit" varchar(20) NOT NULL DEFAULT (''), "room" varchar(20) NOT NULL DEFAULT (''), "lng" double, "lat" double, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "idx_reg_place_path" ON "reg_place" ("grid_path") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_reg_place_address" ON "reg_place" ("grid_node_id", "address", "building", "unit", "room") `);
    await queryRunner.query(`CREATE TABLE "reg_household" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "place_id" integer NOT NULL, "grid_node_id" integer NOT NULL, "grid_path" varchar(200) NOT NULL, "code" varchar(32) NOT NULL DEFAULT (''), "note" varchar(500) NOT NULL DEFAULT (''), "version" integer NOT NULL DEFAULT (1), "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "idx_reg_household_path" ON "reg_household" ("grid_path") `);
    await queryRunner.query(`CREATE INDEX "idx_reg_household_place" ON "reg_household" ("place_id") `);
    await queryRunner.query(`CREATE TABLE "reg_person" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "household_id" integer NOT NULL, "grid_path" varchar(200) NOT NULL, "name" varchar(50) NOT NULL, "relation" varchar(10) NOT NULL DEFAULT ('其他'), "phone_enc" varchar(120), "phone_hash" varchar(32), "id_enc" varchar(120), "id_hash" varchar(32), "birth_year" integer, "gender" varchar(6), "tags" varchar(200) NOT NULL DEFAULT (''), "user_id" integer, "version" integer NOT NULL DEFAULT (1), "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "idx_reg_person_user" ON "reg_person" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "idx_reg_person_idno" ON "reg_person" ("id_hash") `);
    await queryRunner.query(`CREATE INDEX "idx_reg_person_phone" ON "reg_person" ("phone_hash") `);
    await queryRunner.query(`CREATE INDEX "idx_reg_person_path" ON "reg_person" ("grid_path") `);
    await queryRunner.query(`CREATE INDEX "idx_reg_person_name" ON "reg_person" ("name", "grid_path") `);
    await queryRunner.query(`CREATE INDEX "idx_reg_person_household" ON "reg_person" ("household_id") `);
    await queryRunner.query(`CREATE TABLE "reg_person_tag" ("person_id" integer NOT NULL, "tag" varchar(16) NOT NULL, "grid_path" varchar(200) NOT NULL, PRIMARY KEY ("person_id", "tag"))`);
    await queryRunner.query(`CREATE INDEX "idx_reg_person_tag_scope" ON "reg_person_tag" ("tag", "grid_path", "person_id") `);
    await queryRunner.query(`CREATE TABLE "reg_organization" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "place_id" integer NOT NULL, "grid_path" varchar(200) NOT NULL, "name" varchar(100) NOT NULL, "kind" varchar(16) NOT NULL, "credit_code" varchar(18), "contact_name" varchar(50), "contact_phone" varchar(20), "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "idx_reg_org_path" ON "reg_organization" ("grid_path") `);
    await queryRunner.query(`CREATE INDEX "idx_reg_org_place" ON "reg_organization" ("place_id") `);
    await queryRunner.query(`CREATE TABLE "reg_risk_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "place_id" integer NOT NULL, "household_id" integer, "grid_path" varchar(200) NOT NULL, "kind" varchar(20) NOT NULL, "state" varchar(12) NOT NULL DEFAULT ('open'), "note" varchar(500) NOT NULL DEFAULT (''), "version" integer NOT NULL DEFAULT (1), "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "resolved_at" datetime)`);
    await queryRunner.query(`CREATE INDEX "idx_reg_risk_path" ON "reg_risk_item" ("grid_path", "state") `);
    await queryRunner.query(`CREATE INDEX "idx_reg_risk_place" ON "reg_risk_item" ("place_id") `);
    await queryRunner.query(`CREATE TABLE "reg_access_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" datetime NOT NULL, "user_id" integer NOT NULL, "action" varchar(32) NOT NULL, "target_type" varchar(16) NOT NULL, "target_id" integer, "grid_path" varchar(200), "allowed" boolean NOT NULL, "detail" varchar(300) NOT NULL DEFAULT (''), "request_id" varchar(64))`);
    await queryRunner.query(`CREATE INDEX "idx_reg_access_path" ON "reg_access_log" ("grid_path", "at") `);
    await queryRunner.query(`CREATE INDEX "idx_reg_access_target" ON "reg_access_log" ("target_type", "target_id") `);
    await queryRunner.query(`CREATE INDEX "idx_reg_access_user" ON "reg_access_log" ("user_id", "at") `);
    await queryRunner.query(`CREATE INDEX "idx_reg_access_at" ON "reg_access_log" ("at") `);
    await queryRunner.query(`CREATE TABLE "care_schedule" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "person_id" integer NOT NULL, "household_id" integer NOT NULL, "grid_path" varchar(200) NOT NULL, "tag" varchar(16) NOT NULL, "interval_days" integer NOT NULL, "next_due_at" datetime NOT NULL, "last_visit_at" datetime, "active" boolean NOT NULL DEFAULT (1), "created_by" integer NOT NULL, "created_at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "idx_care_schedule_person" ON "care_schedule" ("person_id") `);
    await queryRunner.query(`CREATE INDEX "idx_care_schedule_due" ON "care_schedule" ("grid_path", "next_due_at") `);
    await queryRunner.query(`CREATE TABLE "care_visit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "schedule_id" integer, "person_id" integer NOT NULL, "household_id" integer NOT NULL, "grid_path" varchar(200) NOT NULL, "visitor_user_id" integer NOT NULL, "visited_at" datetime NOT NULL, "notes" text NOT NULL, "photos" text NOT NULL, "event_id" integer, "created_at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "idx_care_visit_path" ON "care_visit" ("grid_path", "visited_at") `);
    await queryRunner.query(`CREATE INDEX "idx_care_visit_person" ON "care_visit" ("person_id", "visited_at") `);
    await queryRunner.query(`CREATE INDEX "idx_care_visit_household" ON "care_visit" ("household_id", "visited_at") `);
    await queryRunner.query(`CREATE TABLE "volunteer" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "kind" varchar(16) NOT NULL, "grid_node_id" integer NOT NULL, "grid_path" varchar(200) NOT NULL, "display_name" varchar(50) NOT NULL, "skills" varchar(300) NOT NULL DEFAULT (''), "availability" varchar(200) NOT NULL DEFAULT (''), "party_org" varchar(100) NOT NULL DEFAULT (''), "status" varchar(10) NOT NULL DEFAULT ('active'), "registered_at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "idx_volunteer_path" ON "volunteer" ("grid_path") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_volunteer_user_kind" ON "volunteer" ("user_id", "kind") `);
    await queryRunner.query(`CREATE TABLE "volunteer_task" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "volunteer_id" integer NOT NULL, "grid_path" varchar(200) NOT NULL, "event_id" integer, "title" varchar(200) NOT NULL, "assigned_by" integer NOT NULL, "assigned_at" datetime NOT NULL, "state" varchar(10) NOT NULL DEFAULT ('assigned'), "minutes" integer NOT NULL DEFAULT (0), "note" varchar(500) NOT NULL DEFAULT (''), "done_at" datetime, "version" integer NOT NULL DEFAULT (1))`);
    await queryRunner.query(`CREATE INDEX "idx_volunteer_task_event" ON "volunteer_task" ("event_id") `);
    await queryRunner.query(`CREATE INDEX "idx_volunteer_task_path" ON "volunteer_task" ("grid_path", "assigned_at") `);
    await queryRunner.query(`CREATE INDEX "idx_volunteer_task_volunteer" ON "volunteer_task" ("volunteer_id", "state") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_volunteer_task_volunteer"`);
    await queryRunner.query(`DROP INDEX "idx_volunteer_task_path"`);
    await queryRunner.query(`DROP INDEX "idx_volunteer_task_event"`);
    await queryRunner.query(`DROP TABLE "volunteer_task"`);
    await queryRunner.query(`DROP INDEX "uq_volunteer_user_kind"`);
    await queryRunner.query(`DROP INDEX "idx_volunteer_path"`);
    await queryRunner.query(`DROP TABLE "volunteer"`);
    await queryRunner.query(`DROP INDEX "idx_care_visit_household"`);
    await queryRunner.query(`DROP INDEX "idx_care_visit_person"`);
    await queryRunner.query(`DROP INDEX "idx_care_visit_path"`);
    await queryRunner.query(`DROP TABLE "care_visit"`);
    await queryRunner.query(`DROP INDEX "idx_care_schedule_due"`);
    await queryRunner.query(`DROP INDEX "idx_care_schedule_person"`);
    await queryRunner.query(`DROP TABLE "care_schedule"`);
    await queryRunner.query(`DROP INDEX "idx_reg_access_at"`);
    await queryRunner.query(`DROP INDEX "idx_reg_access_user"`);
    await queryRunner.query(`DROP INDEX "idx_reg_access_target"`);
    await queryRunner.query(`DROP INDEX "idx_reg_access_path"`);
    await queryRunner.query(`DROP TABLE "reg_access_log"`);
    await queryRunner.query(`DROP INDEX "idx_reg_risk_place"`);
    await queryRunner.query(`DROP INDEX "idx_reg_risk_path"`);
    await queryRunner.query(`DROP TABLE "reg_risk_item"`);
    await queryRunner.query(`DROP INDEX "idx_reg_org_place"`);
    await queryRunner.query(`DROP INDEX "idx_reg_org_path"`);
    await queryRunner.query(`DROP TABLE "reg_organization"`);
    await queryRunner.query(`DROP INDEX "idx_reg_person_tag_scope"`);
    await queryRunner.query(`DROP TABLE "reg_person_tag"`);
    await queryRunner.query(`DROP INDEX "idx_reg_person_household"`);
    await queryRunner.query(`DROP INDEX "idx_reg_person_name"`);
    await queryRunner.query(`DROP INDEX "idx_reg_person_path"`);
    await queryRunner.query(`DROP INDEX "idx_reg_person_phone"`);
    await queryRunner.query(`DROP INDEX "idx_reg_person_idno"`);
    await queryRunner.query(`DROP INDEX "idx_reg_person_user"`);
    await queryRunner.query(`DROP TABLE "reg_person"`);
    await queryRunner.query(`DROP INDEX "idx_reg_household_place"`);
    await queryRunner.query(`DROP INDEX "idx_reg_household_path"`);
    await queryRunner.query(`DROP TABLE "reg_household"`);
    await queryRunner.query(`DROP INDEX "uq_reg_place_address"`);
    await queryRunner.query(`DROP INDEX "idx_reg_place_path"`);
    await queryRunner.query(`DROP TABLE "reg_place"`);
  }
}
