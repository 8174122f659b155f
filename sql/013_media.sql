-- 013_media.sql: the media store (core/media.h) and the catalog editor's
-- fields (core/catalog.h).
--
-- * media: one image a tenant added (bin/shelf media add, the TUI's
--   picker).  Exactly one of distributor_id (the distributor's product
--   images) and reseller_id (a reseller's logo, hero, section and brand
--   images) is set: the tenant the image belongs to, who alone may attach
--   it.  The bytes live once under the configured media directory, named
--   by sha256 and the type's extension (content-addressed: the same bytes
--   added by two tenants are one file and two rows).  type is what the
--   bytes are (sniffed, never the file's name); width and height come
--   from the image's header; bytes is the file's size; created_by is the
--   operators.id of who added it (NULL: the system, e.g. the demo seed).
-- * products.image_media_id: the product's image from the media store
--   (the distributor's own media only, checked in core); products.image_url
--   stays for an external https:// image and is ignored when this is set.
-- * products.specs: the specification table, a JSON array of
--   {"key": ..., "value": ...} rows in display order.
CREATE TABLE media (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  distributor_id BIGINT UNSIGNED NULL,
  reseller_id    BIGINT UNSIGNED NULL,
  sha256         CHAR(64)        NOT NULL,
  type           ENUM('png','jpeg','webp') NOT NULL,
  width          INT             NOT NULL,
  height         INT             NOT NULL,
  bytes          BIGINT          NOT NULL,
  name           VARCHAR(200)    NOT NULL DEFAULT '',
  created_by     BIGINT UNSIGNED NULL,
  created_at     DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_media_distributor (distributor_id, sha256),
  UNIQUE KEY uq_media_reseller (reseller_id, sha256),
  KEY ix_media_sha (sha256),
  CONSTRAINT fk_media_distributor FOREIGN KEY (distributor_id) REFERENCES distributors (id),
  CONSTRAINT fk_media_reseller FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT chk_media_tenant CHECK ((distributor_id IS NULL) <> (reseller_id IS NULL)),
  CONSTRAINT chk_media_sha CHECK (sha256 REGEXP '^(?-i)[0-9a-f]{64}$'),
  CONSTRAINT chk_media_dims CHECK (width > 0 AND height > 0 AND bytes > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE products
  ADD COLUMN image_media_id BIGINT UNSIGNED NULL AFTER image_url,
  ADD COLUMN specs JSON NULL AFTER description,
  ADD CONSTRAINT fk_products_image FOREIGN KEY (image_media_id) REFERENCES media (id),
  ADD CONSTRAINT chk_products_specs CHECK (specs IS NULL OR JSON_TYPE(specs) = 'ARRAY');
