CREATE TABLE "applicants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"id_number_enc" text,
	"id_number_idx" text,
	"id_number_masked" text,
	"credit_code" text,
	"contact_name" text,
	"phone_enc" text,
	"phone_idx" text,
	"phone_masked" text,
	"address" text DEFAULT '' NOT NULL,
	"user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_counters" (
	"prefix" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"type" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_id" uuid,
	"actor_name" text,
	"note" text DEFAULT '' NOT NULL,
	"public" boolean DEFAULT true NOT NULL,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "case_materials" (
	"case_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"necessity" text NOT NULL,
	"status" text NOT NULL,
	"form" text NOT NULL,
	"copies" integer DEFAULT 0 NOT NULL,
	"pages" integer,
	"deferred_due" date,
	"supplied_at" timestamp with time zone,
	"note" text DEFAULT '' NOT NULL,
	"sort" integer NOT NULL,
	CONSTRAINT "case_materials_case_id_key_pk" PRIMARY KEY("case_id","key")
);
--> statement-breakpoint
CREATE TABLE "case_pauses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"workdays" integer
);
--> statement-breakpoint
CREATE TABLE "case_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"county_id" uuid NOT NULL,
	"step_key" text NOT NULL,
	"name" text NOT NULL,
	"stage" integer NOT NULL,
	"department_id" uuid,
	"level" text NOT NULL,
	"days" integer NOT NULL,
	"status" text NOT NULL,
	"kind" text NOT NULL,
	"assignee_id" uuid,
	"claimed_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"outcome" text,
	"opinion" text,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"inspection" jsonb
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_id" uuid NOT NULL,
	"case_no" text NOT NULL,
	"item_id" uuid NOT NULL,
	"item_version" integer NOT NULL,
	"item_name" text NOT NULL,
	"center_id" uuid NOT NULL,
	"handling_center_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"applicant_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"decision" text,
	"handling_type" text NOT NULL,
	"promised_days" integer NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_on" date,
	"paused_workdays" integer DEFAULT 0 NOT NULL,
	"due_date" date,
	"concluded_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"delivery_method" text,
	"delivery" jsonb,
	"decision_no" text,
	"decision_text" text,
	"decision_reasons" jsonb,
	"decision_basis" jsonb,
	"result_no" text,
	"result_file_id" uuid,
	"rejection" jsonb,
	"corrections" jsonb,
	"agent_id" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"actor_id" uuid NOT NULL,
	"key" text NOT NULL,
	"scope" text NOT NULL,
	"request_hash" text NOT NULL,
	"result_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_actor_id_scope_key_pk" PRIMARY KEY("actor_id","scope","key")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid,
	"applicant_id" uuid,
	"user_id" uuid,
	"channel" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_materials" ADD CONSTRAINT "case_materials_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_pauses" ADD CONSTRAINT "case_pauses_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_item_id_catalog_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."catalog_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_handling_center_id_centers_id_fk" FOREIGN KEY ("handling_center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_applicant_id_applicants_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."applicants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_applicant_id_applicants_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."applicants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "applicants_id_number_uq" ON "applicants" USING btree ("id_number_idx") WHERE "applicants"."id_number_idx" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "applicants_credit_code_uq" ON "applicants" USING btree ("credit_code") WHERE "applicants"."credit_code" is not null;--> statement-breakpoint
CREATE INDEX "applicants_user_idx" ON "applicants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_materials_deferred_idx" ON "case_materials" USING btree ("deferred_due") WHERE "case_materials"."status" = 'deferred';--> statement-breakpoint
CREATE INDEX "case_pauses_case_idx" ON "case_pauses" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_tasks_case_idx" ON "case_tasks" USING btree ("case_id","stage");--> statement-breakpoint
CREATE INDEX "case_tasks_dept_open_idx" ON "case_tasks" USING btree ("department_id","status") WHERE "case_tasks"."status" in ('open', 'claimed');--> statement-breakpoint
CREATE INDEX "case_tasks_assignee_idx" ON "case_tasks" USING btree ("assignee_id","status") WHERE "case_tasks"."status" = 'claimed';--> statement-breakpoint
CREATE UNIQUE INDEX "cases_case_no_uq" ON "cases" USING btree ("case_no");--> statement-breakpoint
CREATE INDEX "cases_center_status_due_idx" ON "cases" USING btree ("center_id","status","due_date","id");--> statement-breakpoint
CREATE INDEX "cases_handling_status_due_idx" ON "cases" USING btree ("handling_center_id","status","due_date","id");--> statement-breakpoint
CREATE INDEX "cases_department_status_due_idx" ON "cases" USING btree ("department_id","status","due_date","id");--> statement-breakpoint
CREATE INDEX "cases_applicant_idx" ON "cases" USING btree ("applicant_id","received_at");--> statement-breakpoint
CREATE INDEX "cases_item_idx" ON "cases" USING btree ("item_id","received_at");--> statement-breakpoint
CREATE INDEX "cases_county_received_idx" ON "cases" USING btree ("county_id","received_at");--> statement-breakpoint
CREATE INDEX "notifications_pending_idx" ON "notifications" USING btree ("status","created_at") WHERE "notifications"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");