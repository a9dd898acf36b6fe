-- A worker beats every few seconds while it processes a job; a processing job whose heartbeat stopped is stalled
-- and is put back on the queue.
ALTER TABLE ingestion_job ADD COLUMN heartbeat_at timestamptz;
CREATE INDEX ingestion_job_processing ON ingestion_job (heartbeat_at) WHERE status = 'processing';
