CREATE TABLE "benchmarks" (
	"edition_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"group_type" text NOT NULL,
	"group_key" text NOT NULL,
	"measure" text NOT NULL,
	"n" integer NOT NULL,
	"mean" numeric(5, 2) NOT NULL,
	"median" numeric(5, 2) NOT NULL,
	"q1" numeric(5, 2) NOT NULL,
	"q3" numeric(5, 2) NOT NULL,
	"deciles" jsonb NOT NULL,
	CONSTRAINT "benchmarks_edition_id_version_group_type_group_key_measure_pk" PRIMARY KEY("edition_id","version","group_type","group_key","measure")
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"edition_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	"structures" integer NOT NULL,
	CONSTRAINT "publications_edition_id_version_pk" PRIMARY KEY("edition_id","version")
);
--> statement-breakpoint
CREATE TABLE "result_snapshots" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"category" text NOT NULL,
	"certified" boolean NOT NULL,
	"global_score" numeric(4, 1),
	"scores" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "result_snapshots_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "result_snapshots_version_unique" UNIQUE("tenant_id","edition_id","version")
);
--> statement-breakpoint
ALTER TABLE "benchmarks" ADD CONSTRAINT "benchmarks_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_snapshots" ADD CONSTRAINT "result_snapshots_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_snapshots" ADD CONSTRAINT "result_snapshots_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "result_snapshots_edition_idx" ON "result_snapshots" USING btree ("edition_id","version","category");