CREATE TABLE "agency_instrument_settings" (
	"agency_id" integer PRIMARY KEY NOT NULL,
	"abbreviation" text NOT NULL,
	"number_pattern" text NOT NULL,
	"reconsideration_body" text NOT NULL,
	"court" text NOT NULL,
	"hearing_threshold_person_fen" bigint NOT NULL,
	"hearing_threshold_organization_fen" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "av_requirements" (
	"agency_id" integer NOT NULL,
	"procedure" text NOT NULL,
	"step" text NOT NULL,
	"level" text NOT NULL,
	CONSTRAINT "av_requirements_agency_id_procedure_step_pk" PRIMARY KEY("agency_id","procedure","step")
);
--> statement-breakpoint
CREATE TABLE "calendar_overrides" (
	"year" integer PRIMARY KEY NOT NULL,
	"holidays" text[] NOT NULL,
	"workdays" text[] NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"kind" text NOT NULL,
	"step" text,
	"name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sm3" text NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"confidentiality" text DEFAULT 'internal' NOT NULL,
	"device" text DEFAULT '' NOT NULL,
	"captured_at" timestamp with time zone,
	"captured_by_officer_id" integer,
	"place" text DEFAULT '' NOT NULL,
	"uploaded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_officers" (
	"case_id" integer NOT NULL,
	"officer_id" integer NOT NULL,
	"role" text NOT NULL,
	"recused" boolean DEFAULT false NOT NULL,
	"recusal_reason" text DEFAULT '' NOT NULL,
	CONSTRAINT "case_officers_case_id_officer_id_pk" PRIMARY KEY("case_id","officer_id")
);
--> statement-breakpoint
CREATE TABLE "case_steps" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"step" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"act_on" date NOT NULL,
	"data" jsonb NOT NULL,
	"officer_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"instrument_id" integer,
	"actor_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" integer NOT NULL,
	"case_no" text NOT NULL,
	"procedure" text NOT NULL,
	"field" text NOT NULL,
	"title" text NOT NULL,
	"source" text NOT NULL,
	"state" text NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"lead_on" date NOT NULL,
	"violation_on" date,
	"harms_safety" boolean DEFAULT false NOT NULL,
	"violation_continuing" boolean DEFAULT false NOT NULL,
	"filed_on" date,
	"facts" text DEFAULT '' NOT NULL,
	"violated_provision" text DEFAULT '' NOT NULL,
	"penalty_basis" text DEFAULT '' NOT NULL,
	"party" jsonb NOT NULL,
	"noticed_penalty" jsonb,
	"decided_penalty" jsonb,
	"flags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"closed_on" date,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deadlines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deadlines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"kind" text NOT NULL,
	"rule_id" text NOT NULL,
	"label" text NOT NULL,
	"start_on" date NOT NULL,
	"days" integer NOT NULL,
	"count" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"met_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instrument_sequences" (
	"agency_id" integer NOT NULL,
	"type" text NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "instrument_sequences_agency_id_type_year_pk" PRIMARY KEY("agency_id","type","year")
);
--> statement-breakpoint
CREATE TABLE "instruments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "instruments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"type" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"context" jsonb NOT NULL,
	"context_digest" text NOT NULL,
	"supersedes_id" integer,
	"superseded_by_id" integer,
	"correction_reason" text DEFAULT '' NOT NULL,
	"issued_on" date NOT NULL,
	"issued_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agency_instrument_settings" ADD CONSTRAINT "agency_instrument_settings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "av_requirements" ADD CONSTRAINT "av_requirements_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_files" ADD CONSTRAINT "case_files_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_officers" ADD CONSTRAINT "case_officers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_officers" ADD CONSTRAINT "case_officers_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_steps" ADD CONSTRAINT "case_steps_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instruments" ADD CONSTRAINT "instruments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instruments" ADD CONSTRAINT "instruments_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_files_case_idx" ON "case_files" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "case_steps_case_idx" ON "case_steps" USING btree ("case_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_agency_case_no_key" ON "cases" USING btree ("agency_id","case_no");--> statement-breakpoint
CREATE INDEX "cases_agency_state_idx" ON "cases" USING btree ("agency_id","state");--> statement-breakpoint
CREATE INDEX "deadlines_case_idx" ON "deadlines" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "deadlines_open_due_idx" ON "deadlines" USING btree ("agency_id","status","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "instruments_number_version_key" ON "instruments" USING btree ("agency_id","type","year","seq","version");--> statement-breakpoint
CREATE INDEX "instruments_case_idx" ON "instruments" USING btree ("case_id","id");