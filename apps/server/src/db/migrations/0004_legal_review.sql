CREATE TABLE "discretion_benchmarks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "discretion_benchmarks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" integer NOT NULL,
	"version" integer NOT NULL,
	"entries" jsonb NOT NULL,
	"reason" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "legal_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"round" integer NOT NULL,
	"package" jsonb NOT NULL,
	"statement" text DEFAULT '' NOT NULL,
	"submitted_by" integer NOT NULL,
	"submitted_on" date NOT NULL,
	"due_on" date NOT NULL,
	"reviewer_user_id" integer NOT NULL,
	"status" text NOT NULL,
	"findings" jsonb,
	"opinion" text,
	"opinion_note" text DEFAULT '' NOT NULL,
	"decided_on" date,
	"opinion_instrument_id" integer,
	"coordination" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "major_catalogs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "major_catalogs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" integer NOT NULL,
	"version" integer NOT NULL,
	"entries" jsonb NOT NULL,
	"reason" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agency_instrument_settings" ADD COLUMN "review_days" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "assessment" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "major_catalog_id" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "benchmark_id" integer;--> statement-breakpoint
ALTER TABLE "discretion_benchmarks" ADD CONSTRAINT "discretion_benchmarks_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD CONSTRAINT "legal_reviews_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD CONSTRAINT "legal_reviews_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD CONSTRAINT "legal_reviews_reviewer_user_id_users_id_fk" FOREIGN KEY ("reviewer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "major_catalogs" ADD CONSTRAINT "major_catalogs_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "discretion_benchmarks_agency_version_key" ON "discretion_benchmarks" USING btree ("agency_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_reviews_case_round_key" ON "legal_reviews" USING btree ("case_id","round");--> statement-breakpoint
CREATE INDEX "legal_reviews_reviewer_status_idx" ON "legal_reviews" USING btree ("reviewer_user_id","status");--> statement-breakpoint
CREATE INDEX "legal_reviews_agency_status_idx" ON "legal_reviews" USING btree ("agency_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "major_catalogs_agency_version_key" ON "major_catalogs" USING btree ("agency_id","version");