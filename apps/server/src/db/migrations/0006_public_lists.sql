CREATE TABLE "public_list_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "public_list_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" integer NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"entries" jsonb NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" integer,
	"submitted_at" timestamp with time zone,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"review_opinion" text,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "public_list_versions" ADD CONSTRAINT "public_list_versions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "public_list_versions_agency_kind_version_key" ON "public_list_versions" USING btree ("agency_id","kind","version");--> statement-breakpoint
CREATE INDEX "public_list_versions_status_idx" ON "public_list_versions" USING btree ("agency_id","kind","status");
