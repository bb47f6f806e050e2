// Row types of background jobs and their files (migration 0006).
import type { Generated } from "kysely";
import type { Flag, Instant } from "../../db/types.js";

export const JOB_STATES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  /** JSON. */
  params: string;
  owner_id: number | null;
  state: Generated<JobState>;
  progress_done: Generated<number>;
  progress_total: number | null;
  progress_note: string | null;
  /** JSON committed with each batch: where a restarted job resumes. */
  checkpoint: string | null;
  /** JSON. */
  result: string | null;
  /** JSON { code, message, fields? }. */
  error: string | null;
  attempts: Generated<number>;
  cancel_requested: Generated<Flag>;
  worker: string | null;
  heartbeat_at: Instant | null;
  created_at: Instant;
  started_at: Instant | null;
  finished_at: Instant | null;
}

export interface JobFilesTable {
  id: Generated<number>;
  owner_id: number | null;
  job_id: number | null;
  purpose: "upload" | "output";
  name: string;
  content_type: string;
  size: Generated<number>;
  complete: Generated<Flag>;
  created_at: Instant;
}

export interface JobFileChunksTable {
  file_id: number;
  seq: number;
  data: Buffer;
}

export interface JobTables {
  jobs: JobsTable;
  job_files: JobFilesTable;
  job_file_chunks: JobFileChunksTable;
}
