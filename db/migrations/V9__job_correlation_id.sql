-- The sender's JMSCorrelationID (AMQP correlation-id, STOMP correlation-id header): how a legacy system that never
-- learns the provider's message id (STOMP) looks up what became of its message.
ALTER TABLE ingestion_job ADD COLUMN correlation_id text CHECK (length(correlation_id) <= 200);
CREATE INDEX ingestion_job_correlation ON ingestion_job (correlation_id) WHERE correlation_id IS NOT NULL;
