CREATE TABLE "proconnect_flows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"state_hash" text NOT NULL,
	"nonce" text,
	"code_verifier" text,
	"mfa_requested" boolean DEFAULT false NOT NULL,
	"redirect_to" text DEFAULT '/mon-espace' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "one_time_tokens" ADD COLUMN "payload" jsonb;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "proconnect_id_token" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "proconnect_sub" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "proconnect_idp_id" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "proconnect_siret" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "proconnect_organization_label" text;--> statement-breakpoint
CREATE UNIQUE INDEX "proconnect_flows_state_idx" ON "proconnect_flows" USING btree ("state_hash");--> statement-breakpoint
CREATE INDEX "proconnect_flows_expiry_idx" ON "proconnect_flows" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_proconnect_identity_idx" ON "users" USING btree ("proconnect_sub","proconnect_idp_id");