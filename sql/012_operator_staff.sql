-- 012_operator_staff.sql: read-only reseller staff.
--
-- operators.role gains 'reseller_staff': a colleague of a reseller admin
-- who sees what the admin sees and changes nothing (core/actor.h).  Like a
-- reseller admin it belongs to exactly one reseller, so the role/reseller
-- CHECK of 001 is replaced by one naming both roles.
ALTER TABLE operators
  DROP CONSTRAINT chk_operators_role_reseller;
ALTER TABLE operators
  MODIFY COLUMN role ENUM('distributor_admin','reseller_admin','support','reseller_staff') NOT NULL,
  ADD CONSTRAINT chk_operators_role_reseller
    CHECK ((role IN ('reseller_admin', 'reseller_staff')) = (reseller_id IS NOT NULL));
