-- 010_product_featured.sql: what the distributor recommends to its resellers.
--
-- * products.featured: the distributor's "featured" products.  A reseller
--   upgraded to Standard starts with these listed on its new storefront
--   (core/reseller.h), and the catalog editor sets it.
-- * products.recommended_markup_bp: the markup, in basis points like
--   listings.markup_bp, at which such a starter listing is made; the
--   reseller changes it as any other markup.
ALTER TABLE products
  ADD COLUMN featured TINYINT(1) NOT NULL DEFAULT 0 AFTER active,
  ADD COLUMN recommended_markup_bp INT NOT NULL DEFAULT 0 AFTER featured,
  ADD KEY ix_products_featured (distributor_id, featured, name),
  ADD CONSTRAINT chk_products_featured CHECK (featured IN (0, 1)),
  ADD CONSTRAINT chk_products_recommended_markup CHECK (recommended_markup_bp >= 0 AND recommended_markup_bp <= 100000);
