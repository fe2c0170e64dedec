CREATE TABLE "calendar_days" (
	"date" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text,
	"swapped" boolean GENERATED ALWAYS AS (kind = 'workday' and extract(isodow from "date") >= 6) STORED NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "calendar_days_kind_ck" CHECK ("calendar_days"."kind" in ('workday', 'restday', 'holiday')),
	CONSTRAINT "calendar_days_source_ck" CHECK ("calendar_days"."source" in ('seed', 'admin', 'import')),
	CONSTRAINT "calendar_days_holiday_name_ck" CHECK ("calendar_days"."kind" <> 'holiday' or "calendar_days"."name" is not null)
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"complete" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"revision" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "calendar_years_source_ck" CHECK ("calendar_years"."source" in ('seed', 'admin', 'import'))
);
