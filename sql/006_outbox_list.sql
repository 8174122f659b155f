-- 006_outbox_list.sql: the operators' outbox screen (core/outbox_list.c)
-- lists one status newest first and counts the rows of each status in
-- the operator's scope; ix_outbox_due (status, next_attempt_at) serves
-- the worker.  reseller_id makes the index cover the counts' scope join.
ALTER TABLE outbox ADD KEY ix_outbox_status_created (status, created_at, reseller_id);
