CREATE TABLE "case_material_files" (
	"case_id" uuid NOT NULL,
	"material_key" text NOT NULL,
	"file_id" uuid NOT NULL,
	"source" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_material_files_case_id_file_id_pk" PRIMARY KEY("case_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "application_files" (
	"application_id" uuid NOT NULL,
	"material_key" text NOT NULL,
	"file_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_files_application_id_file_id_pk" PRIMARY KEY("application_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"item_version" integer NOT NULL,
	"item_name" text NOT NULL,
	"center_id" uuid NOT NULL,
	"status" text NOT NULL,
	"form" jsonb NOT NULL,
	"case_id" uuid,
	"submitted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"asker_name" text NOT NULL,
	"center_id" uuid NOT NULL,
	"item_id" uuid,
	"question" text NOT NULL,
	"status" text NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_by_name" text,
	"answered_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"title" text NOT NULL,
	"doc_no" text DEFAULT '' NOT NULL,
	"issuer" text NOT NULL,
	"topic" text NOT NULL,
	"kind" text NOT NULL,
	"published_on" date,
	"summary" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"attachments" jsonb NOT NULL,
	"search_text" text NOT NULL,
	"status" text NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agency_mandate_files" (
	"mandate_id" uuid NOT NULL,
	"material_key" text NOT NULL,
	"file_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_mandate_files_mandate_id_file_id_pk" PRIMARY KEY("mandate_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "agency_mandates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_id" uuid NOT NULL,
	"village_center_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"agent_name" text NOT NULL,
	"client_id" uuid NOT NULL,
	"applicant_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"item_name" text NOT NULL,
	"consent" jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"collected_at" timestamp with time zone NOT NULL,
	"collected_on" date NOT NULL,
	"due_on" date NOT NULL,
	"case_id" uuid,
	"submitted_at" timestamp with time zone,
	"submitted_on" date,
	"handed_over_at" timestamp with time zone,
	"handover" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_trainings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"title" text NOT NULL,
	"trained_on" date NOT NULL,
	"hours_tenths" integer NOT NULL,
	"organizer" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "delivery_preference" jsonb;--> statement-breakpoint
ALTER TABLE "case_material_files" ADD CONSTRAINT "case_material_files_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_files" ADD CONSTRAINT "application_files_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_item_id_catalog_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."catalog_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_item_id_catalog_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."catalog_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_documents" ADD CONSTRAINT "policy_documents_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_mandate_files" ADD CONSTRAINT "agency_mandate_files_mandate_id_agency_mandates_id_fk" FOREIGN KEY ("mandate_id") REFERENCES "public"."agency_mandates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_mandates" ADD CONSTRAINT "agency_mandates_village_center_id_centers_id_fk" FOREIGN KEY ("village_center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_mandates" ADD CONSTRAINT "agency_mandates_applicant_id_applicants_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."applicants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_mandates" ADD CONSTRAINT "agency_mandates_item_id_catalog_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."catalog_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_mandates" ADD CONSTRAINT "agency_mandates_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_material_files_material_idx" ON "case_material_files" USING btree ("case_id","material_key");--> statement-breakpoint
CREATE INDEX "application_files_material_idx" ON "application_files" USING btree ("application_id","material_key");--> statement-breakpoint
CREATE INDEX "applications_user_idx" ON "applications" USING btree ("user_id","updated_at");--> statement-breakpoint
CREATE INDEX "consultations_center_status_idx" ON "consultations" USING btree ("center_id","status","created_at");--> statement-breakpoint
CREATE INDEX "consultations_user_idx" ON "consultations" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "consultations_item_published_idx" ON "consultations" USING btree ("item_id","published_at") WHERE "consultations"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "policy_documents_county_status_idx" ON "policy_documents" USING btree ("county_id","status","published_on");--> statement-breakpoint
CREATE UNIQUE INDEX "agency_mandates_client_uq" ON "agency_mandates" USING btree ("agent_id","client_id");--> statement-breakpoint
CREATE INDEX "agency_mandates_village_idx" ON "agency_mandates" USING btree ("village_center_id","collected_on");--> statement-breakpoint
CREATE INDEX "agency_mandates_agent_idx" ON "agency_mandates" USING btree ("agent_id","collected_on");--> statement-breakpoint
CREATE INDEX "agency_mandates_open_due_idx" ON "agency_mandates" USING btree ("due_on") WHERE "agency_mandates"."status" = 'registered';--> statement-breakpoint
CREATE INDEX "agency_mandates_case_idx" ON "agency_mandates" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "agent_trainings_agent_idx" ON "agent_trainings" USING btree ("agent_id","trained_on");