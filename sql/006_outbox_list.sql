-- 006_outbox_list.sql: the operators' outbox screen lists one status,
-- newest first (core/outbox_list.c); ix_outbox_due serves the worker
-- (status, next_attempt_at), this one the lists and their counts.
ALTER TABLE outbox ADD KEY ix_outbox_status_created (status, created_at);
