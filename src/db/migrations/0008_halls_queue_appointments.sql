CREATE TABLE "hall_settings" (
	"center_id" uuid PRIMARY KEY NOT NULL,
	"county_id" uuid NOT NULL,
	"settings" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_categories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_id" uuid NOT NULL,
	"center_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"daily_cap" integer,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_counters" (
	"category_id" uuid NOT NULL,
	"service_date" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "queue_counters_category_id_service_date_pk" PRIMARY KEY("category_id","service_date")
);
--> statement-breakpoint
CREATE TABLE "queue_tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_id" uuid NOT NULL,
	"center_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"service_date" date NOT NULL,
	"number" integer NOT NULL,
	"code" text NOT NULL,
	"source" text NOT NULL,
	"priority" boolean DEFAULT false NOT NULL,
	"priority_reason" text,
	"status" text NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"target_window_id" uuid,
	"window_id" uuid,
	"called_at" timestamp with time zone,
	"called_by" uuid,
	"recalls" integer DEFAULT 0 NOT NULL,
	"serving_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"case_id" uuid,
	"appointment_id" uuid,
	"user_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "window_rosters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_id" uuid NOT NULL,
	"center_id" uuid NOT NULL,
	"window_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"weekdays" integer[] NOT NULL,
	"starts_at" text NOT NULL,
	"ends_at" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "window_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_id" uuid NOT NULL,
	"center_id" uuid NOT NULL,
	"window_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"service_date" date NOT NULL,
	"signed_in_at" timestamp with time zone NOT NULL,
	"signed_out_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"paused_seconds" integer DEFAULT 0 NOT NULL,
	"pause_reason" text
);
--> statement-breakpoint
CREATE TABLE "appointment_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_id" uuid NOT NULL,
	"center_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"weekdays" integer[] NOT NULL,
	"starts_at" text NOT NULL,
	"ends_at" text NOT NULL,
	"slot_minutes" integer NOT NULL,
	"capacity" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appointment_slots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_id" uuid NOT NULL,
	"center_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"session_id" uuid,
	"day" date NOT NULL,
	"starts_at" text NOT NULL,
	"ends_at" text NOT NULL,
	"kind" text NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_id" uuid NOT NULL,
	"center_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"slot_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"code" text NOT NULL,
	"item_id" uuid,
	"status" text NOT NULL,
	"ticket_id" uuid,
	"checked_in_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hall_settings" ADD CONSTRAINT "hall_settings_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_categories" ADD CONSTRAINT "queue_categories_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_category_id_queue_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."queue_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_target_window_id_windows_id_fk" FOREIGN KEY ("target_window_id") REFERENCES "public"."windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_window_id_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "window_rosters" ADD CONSTRAINT "window_rosters_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "window_rosters" ADD CONSTRAINT "window_rosters_window_id_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "window_sessions" ADD CONSTRAINT "window_sessions_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "window_sessions" ADD CONSTRAINT "window_sessions_window_id_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_sessions" ADD CONSTRAINT "appointment_sessions_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_sessions" ADD CONSTRAINT "appointment_sessions_category_id_queue_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."queue_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_slots" ADD CONSTRAINT "appointment_slots_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_slots" ADD CONSTRAINT "appointment_slots_category_id_queue_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."queue_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_slots" ADD CONSTRAINT "appointment_slots_session_id_appointment_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."appointment_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_category_id_queue_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."queue_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_slot_id_appointment_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."appointment_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "queue_categories_center_name_uq" ON "queue_categories" USING btree ("center_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_categories_center_prefix_uq" ON "queue_categories" USING btree ("center_id","prefix");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_tickets_number_uq" ON "queue_tickets" USING btree ("category_id","service_date","number");--> statement-breakpoint
CREATE INDEX "queue_tickets_waiting_idx" ON "queue_tickets" USING btree ("category_id","service_date","priority","queued_at") WHERE "queue_tickets"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "queue_tickets_center_day_idx" ON "queue_tickets" USING btree ("center_id","service_date");--> statement-breakpoint
CREATE INDEX "queue_tickets_window_idx" ON "queue_tickets" USING btree ("window_id","service_date");--> statement-breakpoint
CREATE INDEX "window_rosters_center_idx" ON "window_rosters" USING btree ("center_id");--> statement-breakpoint
CREATE UNIQUE INDEX "window_sessions_open_window_uq" ON "window_sessions" USING btree ("window_id") WHERE "window_sessions"."signed_out_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "window_sessions_open_user_uq" ON "window_sessions" USING btree ("user_id") WHERE "window_sessions"."signed_out_at" is null;--> statement-breakpoint
CREATE INDEX "window_sessions_center_day_idx" ON "window_sessions" USING btree ("center_id","service_date");--> statement-breakpoint
CREATE INDEX "appointment_sessions_center_idx" ON "appointment_sessions" USING btree ("center_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_slots_uq" ON "appointment_slots" USING btree ("category_id","day","starts_at");--> statement-breakpoint
CREATE INDEX "appointment_slots_center_day_idx" ON "appointment_slots" USING btree ("center_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_code_uq" ON "appointments" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_user_slot_uq" ON "appointments" USING btree ("user_id","slot_id") WHERE "appointments"."status" = 'booked';--> statement-breakpoint
CREATE INDEX "appointments_user_idx" ON "appointments" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "appointments_slot_idx" ON "appointments" USING btree ("slot_id");