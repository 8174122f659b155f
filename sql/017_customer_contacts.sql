-- 017_customer_contacts.sql: a customer's contact persons (issue 16,
-- customers/{id}/contacts): who the reseller talks to at the customer
-- about what (primary, billing, technical), apart from its storefront
-- users (logins).  A contact is invited (an e-mail through the outbox
-- tells the person) and later disabled, never deleted: the row keeps who
-- it was.  One row per customer and e-mail address (the column's
-- collation ignores case), active or disabled: inviting a disabled
-- contact's address again makes it active again.
CREATE TABLE customer_contacts (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  reseller_id BIGINT UNSIGNED NOT NULL,
  customer_id BIGINT UNSIGNED NOT NULL,
  name        VARCHAR(200)    NOT NULL,
  email       VARCHAR(254)    NOT NULL,
  phone       VARCHAR(40)     NULL,
  role        ENUM('primary','billing','technical') NOT NULL,
  status      ENUM('active','disabled') NOT NULL DEFAULT 'active',
  invited_at  DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  disabled_at DATETIME        NULL,
  created_at  DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at  DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_customer_contacts_email (customer_id, email),
  KEY ix_customer_contacts_customer (reseller_id, customer_id, id),
  CONSTRAINT fk_customer_contacts_customer FOREIGN KEY (reseller_id, customer_id) REFERENCES customers (reseller_id, id),
  CONSTRAINT fk_customer_contacts_reseller FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT chk_customer_contacts_disabled CHECK ((status = 'disabled') = (disabled_at IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
