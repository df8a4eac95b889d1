CREATE TABLE "audit_answers" (
	"tenant_id" uuid NOT NULL,
	"audit_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"value" text NOT NULL,
	"measured_value" numeric(12, 2),
	"comment" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_answers_tenant_id_audit_id_item_code_pk" PRIMARY KEY("tenant_id","audit_id","item_code")
);
--> statement-breakpoint
CREATE TABLE "audits" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"channel" text NOT NULL,
	"scenario" text NOT NULL,
	"planned_on" text,
	"audited_at" timestamp with time zone,
	"auditor_user_id" uuid,
	"status" text DEFAULT 'planned' NOT NULL,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audits_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "audits_id_unique" UNIQUE("id"),
	CONSTRAINT "audits_number_unique" UNIQUE("tenant_id","edition_id","number")
);
--> statement-breakpoint
CREATE TABLE "channels" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "determinants" (
	"referential_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"description" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "determinants_referential_id_code_pk" PRIMARY KEY("referential_id","code")
);
--> statement-breakpoint
CREATE TABLE "referential_items" (
	"referential_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"channel" text NOT NULL,
	"stage" text NOT NULL,
	"determinant" text NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"answer_type" text NOT NULL,
	"unit" text,
	"thresholds" jsonb,
	"source" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "referential_items_referential_id_code_pk" PRIMARY KEY("referential_id","code")
);
--> statement-breakpoint
CREATE TABLE "referentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"version" text NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referentials_edition_unique" UNIQUE("edition_id")
);
--> statement-breakpoint
CREATE TABLE "stages" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_answers" ADD CONSTRAINT "audit_answers_tenant_id_audit_id_audits_tenant_id_id_fk" FOREIGN KEY ("tenant_id","audit_id") REFERENCES "public"."audits"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audits" ADD CONSTRAINT "audits_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audits" ADD CONSTRAINT "audits_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audits" ADD CONSTRAINT "audits_channel_channels_code_fk" FOREIGN KEY ("channel") REFERENCES "public"."channels"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audits" ADD CONSTRAINT "audits_auditor_user_id_users_id_fk" FOREIGN KEY ("auditor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audits" ADD CONSTRAINT "audits_tenant_id_enrolment_id_enrolments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","enrolment_id") REFERENCES "public"."enrolments"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "determinants" ADD CONSTRAINT "determinants_referential_id_referentials_id_fk" FOREIGN KEY ("referential_id") REFERENCES "public"."referentials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referential_items" ADD CONSTRAINT "referential_items_referential_id_referentials_id_fk" FOREIGN KEY ("referential_id") REFERENCES "public"."referentials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referential_items" ADD CONSTRAINT "referential_items_channel_channels_code_fk" FOREIGN KEY ("channel") REFERENCES "public"."channels"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referential_items" ADD CONSTRAINT "referential_items_stage_stages_code_fk" FOREIGN KEY ("stage") REFERENCES "public"."stages"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referential_items" ADD CONSTRAINT "referential_items_referential_id_determinant_determinants_referential_id_code_fk" FOREIGN KEY ("referential_id","determinant") REFERENCES "public"."determinants"("referential_id","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referentials" ADD CONSTRAINT "referentials_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audits_auditor_idx" ON "audits" USING btree ("auditor_user_id","status");--> statement-breakpoint
CREATE INDEX "referential_items_cell_idx" ON "referential_items" USING btree ("referential_id","channel","stage");