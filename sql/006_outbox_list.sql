-- 006_outbox_list.sql: the operators' outbox screen (core/outbox_list.c)
-- lists one status newest first, a page at a time: this index gives that
-- order without a sort (the primary key after created_at is the list's
-- tie-breaker) and serves the counts per status; ix_outbox_due (status,
-- next_attempt_at) serves the worker.
ALTER TABLE outbox ADD KEY ix_outbox_status_created (status, created_at);
