CREATE TABLE "credential_check_codes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "credential_check_codes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"officer_id" integer NOT NULL,
	"credential_no" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" integer,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text
);
--> statement-breakpoint
ALTER TABLE "credential_check_codes" ADD CONSTRAINT "credential_check_codes_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credential_check_codes_code_key" ON "credential_check_codes" USING btree ("code");--> statement-breakpoint
CREATE INDEX "credential_check_codes_officer_idx" ON "credential_check_codes" USING btree ("officer_id");
