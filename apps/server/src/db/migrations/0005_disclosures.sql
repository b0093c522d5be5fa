CREATE TABLE "disclosures" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "disclosures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" integer NOT NULL,
	"case_id" integer NOT NULL,
	"instrument_id" integer,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"supersedes_id" integer,
	"decided_on" date NOT NULL,
	"due_on" date NOT NULL,
	"published_on" date,
	"published_by" integer,
	"public_until" date,
	"record" jsonb,
	"search_text" text DEFAULT '' NOT NULL,
	"reversal_kind" text,
	"reversed_on" date,
	"withdraw_due_on" date,
	"withdrawn_on" date,
	"withdraw_reason" text,
	"correction_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disclosures_agency_status_idx" ON "disclosures" USING btree ("agency_id","status","due_on");--> statement-breakpoint
CREATE INDEX "disclosures_public_idx" ON "disclosures" USING btree ("status","published_on");--> statement-breakpoint
CREATE INDEX "disclosures_case_idx" ON "disclosures" USING btree ("case_id");