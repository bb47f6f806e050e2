// Background jobs (platform part 2) and the files they read and write. A job is a row: the runner of
// any instance claims it, runs it in a worker thread, and writes progress, heartbeat, checkpoint and
// result here, so the state survives a page reload, a crash and a second instance. Files (uploads to
// import, exports to download) live in the database in chunks, so every instance can read them and
// no job holds a whole file in memory.
import { blobType } from "./0002_crm_memory.js";
import { columns, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  const s = db.schema;

  let jobs = c.id(s.createTable("jobs"))
    .addColumn("kind", "text", (col) => col.notNull())
    // JSON: what the job works on (never the file itself: that is in job_files).
    .addColumn("params", "text", (col) => col.notNull())
    .addColumn("owner_id", "integer", (col) => col.references("users.id").onDelete("set null"))
    // queued → running → succeeded | failed | cancelled; running → queued again after a crash.
    .addColumn("state", "text", (col) => col.notNull().defaultTo("queued"))
    .addColumn("progress_done", "bigint", (col) => col.notNull().defaultTo(0))
    .addColumn("progress_total", "bigint")
    .addColumn("progress_note", "text")
    // JSON the job commits together with each batch, so a restart resumes after the last batch.
    .addColumn("checkpoint", "text")
    .addColumn("result", "text")
    // JSON problem: { code, message, fields? }.
    .addColumn("error", "text")
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("cancel_requested", "smallint", (col) => col.notNull().defaultTo(0))
    // The instance (host:pid:random) running it; with heartbeat_at this tells a live job from a dead one.
    .addColumn("worker", "text");
  jobs = c.instant(jobs, "heartbeat_at");
  jobs = c.instant(jobs, "created_at", (col) => col.notNull());
  jobs = c.instant(jobs, "started_at");
  jobs = c.instant(jobs, "finished_at");
  await jobs.execute();
  await s.createIndex("jobs_state").on("jobs").columns(["state", "id"]).execute();
  await s.createIndex("jobs_owner").on("jobs").columns(["owner_id", "id"]).execute();

  let files = c.id(s.createTable("job_files"))
    .addColumn("owner_id", "integer", (col) => col.references("users.id").onDelete("set null"))
    .addColumn("job_id", "integer", (col) => col.references("jobs.id").onDelete("cascade"))
    // "upload" (a file to import) or "output" (an export to download).
    .addColumn("purpose", "text", (col) => col.notNull())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("content_type", "text", (col) => col.notNull())
    .addColumn("size", "bigint", (col) => col.notNull().defaultTo(0))
    // 0 while chunks are being written; a half-written file is never read.
    .addColumn("complete", "smallint", (col) => col.notNull().defaultTo(0));
  files = c.instant(files, "created_at", (col) => col.notNull());
  await files.execute();
  await s.createIndex("job_files_job").on("job_files").columns(["job_id"]).execute();
  await s.createIndex("job_files_created").on("job_files").columns(["created_at"]).execute();

  await s
    .createTable("job_file_chunks")
    .addColumn("file_id", "integer", (col) => col.notNull().references("job_files.id").onDelete("cascade"))
    .addColumn("seq", "integer", (col) => col.notNull())
    .addColumn("data", blobType(db), (col) => col.notNull())
    .addPrimaryKeyConstraint("job_file_chunks_pk", ["file_id", "seq"])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const t of ["job_file_chunks", "job_files", "jobs"]) await db.schema.dropTable(t).execute();
}
