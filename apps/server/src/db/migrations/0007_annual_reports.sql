CREATE TABLE "annual_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "annual_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"subject_key" text NOT NULL,
	"agency_id" integer NOT NULL,
	"region_code" text,
	"subject_name" text NOT NULL,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"held_kinds" text[] NOT NULL,
	"figures" jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"due_on" date NOT NULL,
	"drafted_on" date NOT NULL,
	"drafted_by" integer,
	"submitted_at" timestamp with time zone,
	"submitted_by" integer,
	"reviewed_by" integer,
	"review_note" text DEFAULT '' NOT NULL,
	"published_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "annual_reports" ADD CONSTRAINT "annual_reports_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "annual_reports_subject_year_key" ON "annual_reports" USING btree ("subject_key","year");--> statement-breakpoint
CREATE INDEX "annual_reports_status_idx" ON "annual_reports" USING btree ("status","year");
