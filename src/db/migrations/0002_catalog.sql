CREATE TABLE "files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_id" uuid,
	"purpose" text NOT NULL,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"size" bigint NOT NULL,
	"sha" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_basic_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"item_type" text NOT NULL,
	"legal_basis" jsonb NOT NULL,
	"department_id" uuid NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_generations" (
	"county_id" uuid PRIMARY KEY NOT NULL,
	"generation" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_item_versions" (
	"item_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"county_id" uuid NOT NULL,
	"status" text NOT NULL,
	"content" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"created_by" uuid,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_item_versions_item_id_version_pk" PRIMARY KEY("item_id","version")
);
--> statement-breakpoint
CREATE TABLE "catalog_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_id" uuid NOT NULL,
	"center_id" uuid NOT NULL,
	"basic_item_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"implementation_code" text NOT NULL,
	"level" text NOT NULL,
	"name" text NOT NULL,
	"sort_key" text NOT NULL,
	"status" text NOT NULL,
	"published_version" integer,
	"open_version" integer,
	"latest_version" integer NOT NULL,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_basic_items" ADD CONSTRAINT "catalog_basic_items_county_id_regions_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_basic_items" ADD CONSTRAINT "catalog_basic_items_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_item_versions" ADD CONSTRAINT "catalog_item_versions_item_id_catalog_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."catalog_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD CONSTRAINT "catalog_items_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD CONSTRAINT "catalog_items_basic_item_id_catalog_basic_items_id_fk" FOREIGN KEY ("basic_item_id") REFERENCES "public"."catalog_basic_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD CONSTRAINT "catalog_items_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "files_sha_idx" ON "files" USING btree ("sha");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_basic_items_code_uq" ON "catalog_basic_items" USING btree ("county_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_items_code_uq" ON "catalog_items" USING btree ("implementation_code");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_items_center_basic_uq" ON "catalog_items" USING btree ("center_id","basic_item_id");--> statement-breakpoint
CREATE INDEX "catalog_items_county_status_idx" ON "catalog_items" USING btree ("county_id","status");--> statement-breakpoint
CREATE INDEX "catalog_items_dept_idx" ON "catalog_items" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "catalog_items_published_idx" ON "catalog_items" USING btree ("center_id","sort_key") WHERE "catalog_items"."published_version" is not null;