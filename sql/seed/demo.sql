-- demo.sql: demo data for Shelf. Load into an empty, migrated database.
--
-- The story is written as of 2026-11-25 12:00 UTC ("now" for the story):
-- invoices due before that day and still open are overdue, renewals fall
-- in late November and December. `shelf seed --demo` (core/seed.c) moves
-- every date to the instant of the load, so the demo always looks like a
-- running business: what happened three days before the story happened
-- three days before the load. Azure usage is made relative to the load day
-- here: the whole previous month and the current month up to yesterday.
--
-- Key rows: distributor 1 (Northwind Cloud Distribution, EUR, base domain
-- shops.example), reseller 1 "Demo Cloud Shop" (standard, storefront slug
-- demo), storefront user 1 buyer@demo.example (customer 1, owner,
-- password demo-password-1, as are all demo storefront users), operators
-- 1 admin, 2 demo-admin, 3 support. API client demo-backoffice has the
-- secret demo-api-secret-1.
--
-- Order lines, subscriptions, assets, usage charges and invoice totals are
-- derived with INSERT ... SELECT from the catalog and the listings so that
-- price = cost + round_half_up(cost x markup) holds everywhere.

SET time_zone = '+00:00';

-- The distributor.
INSERT INTO distributors (id, name, slug, currency, email, storefront_base_domain, created_at) VALUES
  (1, 'Northwind Cloud Distribution', 'northwind', 'EUR', 'partners@northwind.example', 'shops.example', '2024-01-08 09:00:00');

-- Resellers: 1-6 standard (1 is the demo reseller), 7-11 professional,
-- 12-18 basic (15 was downgraded from standard, 17 is suspended).
-- order_seq is set at the end from the orders.
INSERT INTO resellers (id, distributor_id, name, email, phone, address, country, tax_id, edition, status, currency, credit_limit, created_at) VALUES
  (1, 1, 'Demo Cloud Shop', 'hello@democloudshop.example', '+31 20 555 0101', 'Keizersgracht 123, 1015 CJ Amsterdam', 'NL', 'NL859123456B01', 'standard', 'active', 'EUR', 500000, '2024-03-12 10:00:00'),
  (2, 1, 'Brightpath IT', 'sales@brightpath-it.example', '+44 20 7946 0321', '14 Tabernacle Street, London EC2A 4LU', 'GB', 'GB123456789', 'standard', 'active', 'EUR', 300000, '2024-04-02 11:30:00'),
  (3, 1, 'Alpine Systems GmbH', 'office@alpine-systems.example', '+43 1 555 2040', 'Mariahilfer Strasse 88, 1070 Wien', 'AT', 'ATU12345678', 'standard', 'active', 'EUR', 250000, '2024-05-20 08:45:00'),
  (4, 1, 'Harbor Tech Solutions', 'team@harbortech.example', '+353 1 555 7788', '3 Grand Canal Quay, Dublin D02 X576', 'IE', 'IE1234567T', 'standard', 'active', 'EUR', 200000, '2024-06-11 14:10:00'),
  (5, 1, 'Nordlicht Digital', 'kontakt@nordlicht-digital.example', '+49 40 555 3312', 'Speicherstadt 7, 20457 Hamburg', 'DE', 'DE123456789', 'standard', 'active', 'EUR', 150000, '2024-09-03 09:20:00'),
  (6, 1, 'Mediterra Cloud', 'info@mediterracloud.example', '+34 93 555 4410', 'Carrer de Balmes 152, 08008 Barcelona', 'ES', 'ESB12345678', 'standard', 'active', 'EUR', 150000, '2025-01-14 12:00:00'),
  (7, 1, 'Keystone MSP', 'ops@keystone-msp.example', '+32 2 555 9090', 'Avenue Louise 250, 1050 Bruxelles', 'BE', 'BE0123456789', 'professional', 'active', 'EUR', 1000000, '2024-02-01 09:00:00'),
  (8, 1, 'Bluewave Integrators', 'contact@bluewave.example', '+33 1 55 50 12 34', '45 Rue de la Boetie, 75008 Paris', 'FR', 'FR12345678901', 'professional', 'active', 'EUR', 800000, '2024-03-18 10:15:00'),
  (9, 1, 'Atlas Managed Services', 'service@atlas-ms.example', '+45 33 55 50 60', 'Bredgade 30, 1260 Kobenhavn', 'DK', 'DK12345678', 'professional', 'active', 'EUR', 600000, '2024-07-07 13:00:00'),
  (10, 1, 'Vertex Solutions Group', 'hello@vertexsg.example', '+39 02 5550 1234', 'Via Tortona 31, 20144 Milano', 'IT', 'IT12345678901', 'professional', 'active', 'EUR', 700000, '2024-08-19 15:30:00'),
  (11, 1, 'Cobalt Networks', 'noc@cobaltnet.example', '+48 22 555 6070', 'ul. Prosta 20, 00-850 Warszawa', 'PL', 'PL1234567890', 'professional', 'active', 'EUR', 400000, '2025-02-25 08:00:00'),
  (12, 1, 'Oakridge Computers', 'shop@oakridge-pc.example', '+31 30 555 1212', 'Oudegracht 200, 3511 NR Utrecht', 'NL', NULL, 'basic', 'active', 'EUR', 100000, '2024-10-01 10:00:00'),
  (13, 1, 'Lindqvist Data AB', 'info@lindqvistdata.example', '+46 8 555 123 40', 'Drottninggatan 71, 111 36 Stockholm', 'SE', 'SE123456789001', 'basic', 'active', 'EUR', 100000, '2024-11-05 09:30:00'),
  (14, 1, 'Rivera Office Supplies', 'ventas@rivera-office.example', '+34 91 555 7788', 'Calle de Alcala 99, 28009 Madrid', 'ES', NULL, 'basic', 'active', 'EUR', 50000, '2025-03-10 11:00:00'),
  (15, 1, 'Baltic Byte', 'team@balticbyte.example', '+372 555 0199', 'Narva mnt 5, 10117 Tallinn', 'EE', 'EE123456789', 'basic', 'active', 'EUR', 80000, '2025-04-22 10:40:00'),
  (16, 1, 'Greenfield PC Service', 'support@greenfield-pc.example', '+353 21 555 4400', '12 Oliver Plunkett Street, Cork T12 X2N4', 'IE', NULL, 'basic', 'active', 'EUR', 50000, '2025-06-30 16:00:00'),
  (17, 1, 'Polaris IT Consulting', 'mail@polaris-it.example', '+358 9 555 7700', 'Mannerheimintie 12, 00100 Helsinki', 'FI', NULL, 'basic', 'suspended', 'EUR', 0, '2025-08-12 09:00:00'),
  (18, 1, 'Danube Digital Kft', 'iroda@danube-digital.example', '+36 1 555 3344', 'Andrassy ut 60, 1062 Budapest', 'HU', NULL, 'basic', 'active', 'EUR', 60000, '2025-10-02 08:30:00');

-- Operators (TUI logins). 7 mkovacs has left (inactive).
INSERT INTO operators (id, login, display_name, email, role, distributor_id, reseller_id, active, created_at) VALUES
  (1, 'admin', 'Alex Morgan', 'alex.morgan@northwind.example', 'distributor_admin', 1, NULL, 1, '2024-01-08 09:00:00'),
  (2, 'demo-admin', 'Robin de Vries', 'robin@democloudshop.example', 'reseller_admin', 1, 1, 1, '2024-03-12 10:05:00'),
  (3, 'support', 'Sam Okoro', 'sam.okoro@northwind.example', 'support', 1, NULL, 1, '2024-01-09 09:00:00'),
  (4, 'jlaurent', 'Julie Laurent', 'julie.laurent@northwind.example', 'distributor_admin', 1, NULL, 1, '2024-02-15 09:00:00'),
  (5, 'keystone-admin', 'Pieter Claes', 'pieter@keystone-msp.example', 'reseller_admin', 1, 7, 1, '2024-02-01 09:10:00'),
  (6, 'brightpath-admin', 'Hannah Reid', 'hannah@brightpath-it.example', 'reseller_admin', 1, 2, 1, '2024-04-02 11:40:00'),
  (7, 'mkovacs', 'Marta Kovacs', 'marta.kovacs@northwind.example', 'support', 1, NULL, 0, '2024-03-01 09:00:00');

-- Edition history of the upgraded (and one downgraded) resellers.
INSERT INTO edition_changes (id, reseller_id, from_edition, to_edition, operator_id, changed_at, note) VALUES
  (1, 1, 'basic', 'standard', 1, '2025-02-03 10:12:33.250000', 'Upgrade requested by Robin de Vries at the partner day'),
  (2, 2, 'basic', 'standard', 1, '2024-11-18 09:02:10.000000', NULL),
  (3, 3, 'basic', 'standard', 4, '2025-01-20 15:45:00.000000', NULL),
  (4, 4, 'basic', 'standard', 4, '2025-03-04 11:00:00.000000', 'Wants the modern theme'),
  (5, 5, 'basic', 'standard', 1, '2025-06-16 08:30:00.000000', NULL),
  (6, 6, 'basic', 'standard', 1, '2025-09-09 14:20:00.000000', NULL),
  (7, 7, 'basic', 'standard', NULL, '2024-06-01 00:00:00.000000', 'Migrated from the previous platform'),
  (8, 7, 'standard', 'professional', 1, '2025-05-12 10:00:00.000000', 'MSP programme'),
  (9, 8, 'basic', 'professional', 1, '2024-09-30 16:00:00.000000', NULL),
  (10, 9, 'basic', 'standard', 4, '2024-12-02 09:00:00.000000', NULL),
  (11, 9, 'standard', 'professional', 4, '2025-10-06 09:30:00.000000', NULL),
  (12, 10, 'basic', 'professional', 1, '2025-02-17 11:11:11.000000', NULL),
  (13, 11, 'basic', 'professional', 1, '2025-07-21 13:37:00.000000', NULL),
  (14, 15, 'basic', 'standard', 1, '2025-05-02 10:00:00.000000', NULL),
  (15, 15, 'standard', 'basic', 1, '2026-10-15 17:05:42.000000', 'Downgraded at the reseller''s request, storefront kept offline');

-- Storefronts of the standard and professional resellers, and of 15
-- (downgraded: the row stays, the storefront is offline). Keystone (7)
-- has a custom domain and the modern theme, as has Harbor (4).
INSERT INTO storefronts (reseller_id, slug, custom_domain, company_name, analytics_id, theme, skin, sections, meta_title, meta_description, contact_email, contact_phone, contact_address, contact_form_enabled, version) VALUES
  (1, 'demo', NULL, 'Demo Cloud Shop', 'G-DEMO12345', 'classic', 'parchment', '[{"type": "hero", "title": "Cloud software for growing businesses", "subtitle": "Microsoft 365, Google Workspace, backup and security, bought, provisioned and supported by Demo Cloud Shop.", "image": "media:hero-office", "image_alt": "Illustration: two colleagues at a desk with a laptop, under the clouds", "cta_label": "Browse the catalog", "cta_url": "/products"}, {"type": "featured_products", "title": "Popular right now", "products": ["microsoft-365-business-standard", "microsoft-365-business-premium", "microsoft-teams-essentials", "google-workspace-business-standard", "acronis-cyber-protect-standard-workstation", "azure-plan"]}, {"type": "category_grid", "title": "Shop by category", "categories": ["productivity", "security", "backup", "collaboration", "infrastructure", "communication", "services"]}, {"type": "text", "title": "Why buy from us", "body": "We are a team of twelve certified engineers in Amsterdam. Every licence you order here is provisioned automatically within minutes, and our helpdesk answers in Dutch, English and German. No long contracts: most plans are monthly."}, {"type": "image_text", "title": "Move to the cloud without the headache", "body": "Our migration team moves your mailboxes, files and calendars from your old server or another provider over a weekend, so Monday starts in the new system.", "image": "media:migration", "image_alt": "Illustration: boxes moving from an old server into the cloud", "image_position": "right", "cta_label": "See our services", "cta_url": "/categories/services"}, {"type": "logo_strip", "title": "Brands we sell", "logos": [{"name": "Microsoft", "image": "media:logo-microsoft", "url": "/products?manufacturer=Microsoft"}, {"name": "Google", "image": "media:logo-google", "url": "/products?manufacturer=Google"}, {"name": "Acronis", "image": "media:logo-acronis", "url": "/products?manufacturer=Acronis"}, {"name": "Dropbox", "image": "media:logo-dropbox", "url": "/products?manufacturer=Dropbox"}, {"name": "Bitdefender", "image": "media:logo-bitdefender", "url": "/products?manufacturer=Bitdefender"}, {"name": "Zoom", "image": "media:logo-zoom", "url": "/products?manufacturer=Zoom"}]}]', 'Demo Cloud Shop - cloud software and services', 'Demo Cloud Shop: Microsoft 365, Google Workspace, Azure, backup and security for small businesses, with automatic provisioning and local support.', 'hello@democloudshop.example', '+31 20 555 0101', 'Keizersgracht 123, 1015 CJ Amsterdam, Netherlands', 1, 14),
  (2, 'brightpath', NULL, 'Brightpath IT', NULL, 'classic', 'forest', '[{"type": "hero", "title": "Brightpath IT", "subtitle": "Your partner for cloud productivity and security.", "image": "media:hero-city", "image_alt": "Illustration: a city skyline at sunset with a cloud above it", "cta_label": "View products", "cta_url": "/products"}, {"type": "featured_products", "title": "Featured", "products": ["microsoft-365-business-premium", "microsoft-365-e3", "microsoft-defender-for-business"]}, {"type": "category_grid", "title": "Categories", "categories": ["productivity", "security", "backup", "collaboration"]}]', 'Brightpath IT - cloud software and services', 'Managed Microsoft 365 for London businesses.', 'sales@brightpath-it.example', '+44 20 7946 0321', '14 Tabernacle Street, London EC2A 4LU', 1, 5),
  (3, 'alpine', NULL, 'Alpine Systems', 'G-ALP9X2Q7', 'classic', 'navy', '[{"type": "hero", "title": "Alpine Systems", "subtitle": "Your partner for cloud productivity and security.", "image": "media:hero-city", "image_alt": "Illustration: a city skyline at sunset with a cloud above it", "cta_label": "View products", "cta_url": "/products"}, {"type": "featured_products", "title": "Featured", "products": ["google-workspace-business-standard", "acronis-backup-for-microsoft-365"]}, {"type": "category_grid", "title": "Categories", "categories": ["productivity", "security", "backup", "collaboration"]}]', NULL, NULL, 'office@alpine-systems.example', '+43 1 555 2040', 'Mariahilfer Strasse 88, 1070 Wien', 1, 3),
  (4, 'harbor', NULL, 'Harbor Tech', NULL, 'modern', 'midnight', '[{"type": "hero", "title": "Harbor Tech", "subtitle": "Your partner for cloud productivity and security.", "image": "media:hero-city", "image_alt": "Illustration: a city skyline at sunset with a cloud above it", "cta_label": "View products", "cta_url": "/products"}, {"type": "featured_products", "title": "Featured", "products": ["zoom-workplace-pro", "slack-pro", "dropbox-business-standard"]}, {"type": "category_grid", "title": "Categories", "categories": ["productivity", "security", "backup", "collaboration"]}]', 'Harbor Tech - cloud software and services', 'Collaboration tools for Irish teams.', 'team@harbortech.example', '+353 1 555 7788', '3 Grand Canal Quay, Dublin', 1, 7),
  (5, 'nordlicht', NULL, 'Nordlicht Digital', NULL, 'classic', 'navy', '[]', NULL, NULL, 'kontakt@nordlicht-digital.example', NULL, NULL, 1, 1),
  (6, 'mediterra', NULL, 'Mediterra Cloud', NULL, 'classic', 'graphite', '[{"type": "hero", "title": "Mediterra Cloud", "subtitle": "Your partner for cloud productivity and security.", "image": "media:hero-city", "image_alt": "Illustration: a city skyline at sunset with a cloud above it", "cta_label": "View products", "cta_url": "/products"}, {"type": "featured_products", "title": "Featured", "products": ["microsoft-365-business-basic", "google-workspace-business-starter"]}, {"type": "category_grid", "title": "Categories", "categories": ["productivity", "security", "backup", "collaboration"]}]', NULL, NULL, 'info@mediterracloud.example', '+34 93 555 4410', NULL, 1, 2),
  (7, 'keystone', 'shop.keystone-msp.example', 'Keystone MSP', 'G-KEY7H3M2', 'modern', 'violet', '[{"type": "hero", "title": "Keystone MSP", "subtitle": "Your partner for cloud productivity and security.", "image": "media:hero-city", "image_alt": "Illustration: a city skyline at sunset with a cloud above it", "cta_label": "View products", "cta_url": "/products"}, {"type": "featured_products", "title": "Featured", "products": ["microsoft-365-e5", "azure-plan", "security-assessment"]}, {"type": "category_grid", "title": "Categories", "categories": ["productivity", "security", "backup", "collaboration"]}]', 'Keystone MSP - cloud software and services', 'Managed IT and cloud services in Belgium.', 'ops@keystone-msp.example', '+32 2 555 9090', 'Avenue Louise 250, 1050 Bruxelles', 1, 21),
  (8, 'bluewave', NULL, 'Bluewave Integrators', NULL, 'classic', 'parchment', '[{"type": "hero", "title": "Bluewave Integrators", "subtitle": "Your partner for cloud productivity and security.", "image": "media:hero-city", "image_alt": "Illustration: a city skyline at sunset with a cloud above it", "cta_label": "View products", "cta_url": "/products"}, {"type": "featured_products", "title": "Featured", "products": ["microsoft-365-business-standard", "azure-plan"]}, {"type": "category_grid", "title": "Categories", "categories": ["productivity", "security", "backup", "collaboration"]}]', NULL, NULL, 'contact@bluewave.example', NULL, NULL, 1, 4),
  (9, 'atlas', NULL, 'Atlas Managed Services', NULL, 'classic', 'forest', '[]', NULL, NULL, 'service@atlas-ms.example', NULL, NULL, 1, 2),
  (10, 'vertex', NULL, 'Vertex Solutions', NULL, 'classic', 'navy', '[]', NULL, NULL, 'hello@vertexsg.example', NULL, NULL, 1, 1),
  (11, 'cobalt', NULL, 'Cobalt Networks', NULL, 'classic', 'navy', '[]', NULL, NULL, 'noc@cobaltnet.example', NULL, NULL, 1, 1),
  (15, 'balticbyte', NULL, 'Baltic Byte', NULL, 'classic', 'navy', '[]', NULL, NULL, 'team@balticbyte.example', NULL, NULL, 1, 3);

UPDATE storefronts SET contact_intro = 'Questions about licences, an order or your invoice? Write to us and we answer within one business day.' WHERE reseller_id = 1;
UPDATE storefronts SET contact_form_enabled = 0 WHERE reseller_id = 10;

-- Old slugs that answer 301 to the current one.
INSERT INTO storefront_slug_redirects (old_slug, reseller_id, created_at) VALUES
  ('democloud', 1, '2025-02-10 09:00:00'),
  ('keystone-it', 7, '2025-05-12 10:30:00');

-- Catalog categories (tags).
INSERT INTO categories (id, distributor_id, name, slug, position) VALUES
  (1, 1, 'Productivity', 'productivity', 10),
  (2, 1, 'Security', 'security', 20),
  (3, 1, 'Backup', 'backup', 30),
  (4, 1, 'Collaboration', 'collaboration', 40),
  (5, 1, 'Infrastructure', 'infrastructure', 50),
  (6, 1, 'Communication', 'communication', 60),
  (7, 1, 'Services', 'services', 70),
  (8, 1, 'Software', 'software', 80),
  (9, 1, 'Email', 'email', 90);

-- The catalog: unit_cost is the reseller’s cost in EUR cents per unit and billing
-- period (annual products: per year). The last one is retired (active = 0).
-- Every product is the distributor’s, priced in EUR and created on 2024-01-10;
-- one with has_image gets an illustration of its kind, media:product-KIND (sql/seed/media/,
-- stored through the media store by the seed: core/media_demo.h); the others show
-- their vendor's monogram tile.
CREATE TEMPORARY TABLE seed_products (id BIGINT UNSIGNED PRIMARY KEY, sku VARCHAR(64), name VARCHAR(200),
  slug VARCHAR(200), manufacturer VARCHAR(64), type VARCHAR(16), billing_period VARCHAR(16), unit_cost BIGINT,
  unit_label VARCHAR(32), min_quantity INT, max_quantity INT, trial_days INT, short_description VARCHAR(300),
  description TEXT, has_image TINYINT, connector VARCHAR(16), active TINYINT);
INSERT INTO seed_products (id, sku, name, slug, manufacturer, type, billing_period, unit_cost, unit_label, min_quantity, max_quantity, trial_days, short_description, description, has_image, connector, active) VALUES
  (1, 'MS-CFQ7TTC0LH18-M', 'Microsoft 365 Business Basic', 'microsoft-365-business-basic', 'Microsoft', 'license', 'monthly', 510, 'user', 1, NULL, 30, 'Web and mobile Office apps, Exchange e-mail, Teams and 1 TB of OneDrive storage per user.', 'Business e-mail with a 50 GB mailbox and custom domain, Microsoft Teams for chat, meetings and calls, 1 TB of OneDrive cloud storage and the web and mobile versions of Word, Excel, PowerPoint and Outlook. For organisations of up to 300 users. Monthly commitment, cancel any month.', 1, 'microsoft', 1),
  (2, 'MS-CFQ7TTC0LH18-A', 'Microsoft 365 Business Basic (annual)', 'microsoft-365-business-basic-annual', 'Microsoft', 'license', 'annual', 5820, 'user', 1, NULL, NULL, 'Business Basic on an annual commitment: the same service at a lower price per user.', 'Everything in Microsoft 365 Business Basic, billed once a year on a twelve-month commitment. Licences can be added at any time during the term and are co-termed to the renewal date.', 1, 'microsoft', 1),
  (3, 'MS-CFQ7TTC0LDPB-M', 'Microsoft 365 Business Standard', 'microsoft-365-business-standard', 'Microsoft', 'license', 'monthly', 1060, 'user', 1, NULL, 30, 'Desktop Office apps on up to five PCs or Macs per user, plus e-mail, Teams and OneDrive.', 'Everything in Business Basic plus the installable desktop versions of Word, Excel, PowerPoint, Outlook and OneNote on up to five PCs or Macs, five tablets and five phones per user, webinars with attendee registration, and Microsoft Loop and Clipchamp.', 1, 'microsoft', 1),
  (4, 'MS-CFQ7TTC0LDPB-A', 'Microsoft 365 Business Standard (annual)', 'microsoft-365-business-standard-annual', 'Microsoft', 'license', 'annual', 12120, 'user', 1, NULL, NULL, 'Business Standard on an annual commitment, billed yearly.', 'Microsoft 365 Business Standard with a twelve-month commitment billed annually. The most popular plan for small businesses that need the full desktop Office suite.', 1, 'microsoft', 1),
  (5, 'MS-CFQ7TTC0LCHC-M', 'Microsoft 365 Business Premium', 'microsoft-365-business-premium', 'Microsoft', 'license', 'monthly', 1870, 'user', 1, NULL, 30, 'Business Standard plus advanced security: Defender for Business, Intune and Entra ID P1.', 'The complete small-business suite: desktop Office apps, Exchange, Teams and OneDrive, protected by Microsoft Defender for Business, Defender for Office 365 Plan 1, Intune device management and Entra ID P1 conditional access.', 1, 'microsoft', 1),
  (6, 'MS-CFQ7TTC0LCHC-A', 'Microsoft 365 Business Premium (annual)', 'microsoft-365-business-premium-annual', 'Microsoft', 'license', 'annual', 21360, 'user', 1, NULL, NULL, 'Business Premium on an annual commitment, billed yearly.', 'Microsoft 365 Business Premium with a twelve-month commitment billed annually, for organisations that want productivity and modern endpoint security in one licence.', 1, 'microsoft', 1),
  (7, 'MS-CFQ7TTC0LFLZ-M', 'Microsoft 365 E3', 'microsoft-365-e3', 'Microsoft', 'license', 'monthly', 3270, 'user', 1, NULL, 30, 'Enterprise productivity and security for organisations of any size, without the 300-seat cap.', 'Microsoft 365 Apps for enterprise, Exchange Online Plan 2, SharePoint, OneDrive with unlimited storage, Windows Enterprise E3, Intune and Entra ID P1. Teams is licensed separately.', 1, 'microsoft', 1),
  (8, 'MS-CFQ7TTC0LFK5-M', 'Microsoft 365 E5', 'microsoft-365-e5', 'Microsoft', 'license', 'monthly', 5180, 'user', 1, NULL, NULL, 'E3 plus advanced security, compliance, Power BI Pro and Teams Phone.', 'Everything in Microsoft 365 E3 plus Defender for Endpoint Plan 2, Defender for Office 365 Plan 2, Entra ID P2, Purview information protection and eDiscovery, Power BI Pro and Teams Phone System.', 1, 'microsoft', 1),
  (9, 'MS-CFQ7TTC0LGZT-M', 'Microsoft 365 F3', 'microsoft-365-f3', 'Microsoft', 'license', 'monthly', 680, 'user', 1, NULL, NULL, 'Frontline worker licence: Teams, web Office apps and a 2 GB mailbox.', 'Built for shift and frontline workers who share devices: Teams, Shifts, the web and mobile Office apps, a 2 GB Exchange kiosk mailbox, Windows Enterprise E3 and Intune.', 1, 'microsoft', 1),
  (10, 'MS-CFQ7TTC0LH1G-M', 'Microsoft 365 Apps for business', 'microsoft-365-apps-for-business', 'Microsoft', 'license', 'monthly', 890, 'user', 1, NULL, NULL, 'Desktop Word, Excel, PowerPoint and Outlook with 1 TB OneDrive, without business e-mail.', 'The desktop Office applications for up to five PCs or Macs per user and 1 TB of OneDrive storage. Does not include Exchange e-mail or Teams.', 1, 'microsoft', 1),
  (11, 'MS-CFQ7TTC0LH2H-M', 'Microsoft 365 Apps for enterprise', 'microsoft-365-apps-for-enterprise', 'Microsoft', 'license', 'monthly', 1030, 'user', 1, NULL, NULL, 'Enterprise desktop Office apps with shared computer activation.', 'Word, Excel, PowerPoint, Outlook, OneNote, Access and Publisher for Windows and Mac, with shared computer activation for Remote Desktop and Azure Virtual Desktop, and 1 TB of OneDrive.', 1, 'microsoft', 1),
  (12, 'MS-CFQ7TTC0LH16-M', 'Exchange Online (Plan 1)', 'exchange-online-plan-1', 'Microsoft', 'license', 'monthly', 340, 'user', 1, NULL, NULL, 'Hosted business e-mail with a 50 GB mailbox, calendar and contacts.', 'Enterprise-grade e-mail in Microsoft''s cloud: 50 GB mailbox per user, 150 MB attachments, shared calendars, Exchange Online Protection anti-spam and anti-malware, and Outlook on the web.', 1, 'microsoft', 1),
  (13, 'MS-CFQ7TTC0LH0R-M', 'Exchange Online (Plan 2)', 'exchange-online-plan-2', 'Microsoft', 'license', 'monthly', 680, 'user', 1, NULL, NULL, 'E-mail with a 100 GB mailbox, unlimited archiving and data loss prevention.', 'Everything in Exchange Online Plan 1 plus a 100 GB mailbox, unlimited personal archive, hosted voicemail and data loss prevention policies.', 1, 'microsoft', 1),
  (14, 'MS-CFQ7TTC0LH0Q-M', 'Exchange Online Archiving', 'exchange-online-archiving', 'Microsoft', 'license', 'monthly', 250, 'user', 1, NULL, NULL, 'Unlimited cloud archive and legal hold for Exchange mailboxes.', 'Adds an auto-expanding archive, litigation hold and retention policies to Exchange Online or Exchange Server mailboxes for compliance and eDiscovery.', 1, 'microsoft', 1),
  (15, 'MS-CFQ7TTC0RM8K-M', 'Microsoft Teams Essentials', 'microsoft-teams-essentials', 'Microsoft', 'license', 'monthly', 340, 'user', 1, NULL, 30, 'Standalone Teams: meetings of up to 300 people for 30 hours, chat and 10 GB of storage.', 'Unlimited group meetings of up to 30 hours with up to 300 participants, unlimited chat, file sharing with 10 GB of cloud storage per user, and meeting recordings. Ideal for teams that already have e-mail elsewhere.', 1, 'microsoft', 1),
  (16, 'MS-CFQ7TTC0LH1M-M', 'Microsoft Teams Phone Standard', 'microsoft-teams-phone-standard', 'Microsoft', 'license', 'monthly', 680, 'user', 1, NULL, NULL, 'Cloud telephony in Teams: call queues, auto attendants and transfers.', 'Turns Teams into a business phone system with call routing, call queues, auto attendants, voicemail and call transfer. Requires a calling plan or Operator Connect number.', 1, 'microsoft', 1),
  (17, 'MS-CFQ7TTC0QW5P-M', 'Microsoft Teams Rooms Pro', 'microsoft-teams-rooms-pro', 'Microsoft', 'license', 'monthly', 3400, 'room', 1, NULL, NULL, 'Per-room licence for Teams Rooms devices with intelligent audio and video and remote management.', 'Licenses one meeting room device for Teams Rooms with multi-screen support, intelligent speaker and camera features, Intune and Entra ID P1 for the device, and the Teams Rooms Pro management portal.', 1, 'microsoft', 1),
  (18, 'MS-CFQ7TTC0HD33-M', 'Visio Plan 1', 'visio-plan-1', 'Microsoft', 'license', 'monthly', 430, 'user', 1, NULL, NULL, 'Diagramming in the browser with templates, shapes and collaboration.', 'Create and share flowcharts, org charts, floor plans and network diagrams in Visio for the web, with 2 GB of OneDrive storage.', 1, 'microsoft', 1),
  (19, 'MS-CFQ7TTC0HD32-M', 'Visio Plan 2', 'visio-plan-2', 'Microsoft', 'license', 'monthly', 1270, 'user', 1, NULL, NULL, 'Full Visio desktop app plus Visio for the web with advanced templates.', 'Everything in Visio Plan 1 plus the Visio desktop app for Windows with more templates, shapes, data linking and compliance with industry standards such as BPMN and UML.', 1, 'microsoft', 1),
  (20, 'MS-CFQ7TTC0HDB1-M', 'Project Plan 1', 'project-plan-1', 'Microsoft', 'license', 'monthly', 850, 'user', 1, NULL, NULL, 'Web-based project planning with grid, board and timeline views.', 'Plan and track projects in Project for the web: grid, board and timeline views, task assignment and collaboration with Teams.', 1, 'microsoft', 1),
  (21, 'MS-CFQ7TTC0HDB0-M', 'Project Plan 3', 'project-plan-3', 'Microsoft', 'license', 'monthly', 2550, 'user', 1, NULL, NULL, 'Project desktop client, resource management and portfolio reporting.', 'Everything in Plan 1 plus the Project Online desktop client, resource management, project scheduling with dependencies and baselines, and Power BI reporting.', 1, 'microsoft', 1),
  (22, 'MS-CFQ7TTC0L3PB-M', 'Power BI Pro', 'power-bi-pro', 'Microsoft', 'license', 'monthly', 1190, 'user', 1, NULL, 30, 'Self-service business intelligence: publish, share and collaborate on reports.', 'Connect to hundreds of data sources, build interactive reports and dashboards in Power BI Desktop, and share them with colleagues in the Power BI service with 10 GB of storage per user.', 1, 'microsoft', 1),
  (23, 'MS-CFQ7TTC0HL8W-M', 'Power BI Premium Per User', 'power-bi-premium-per-user', 'Microsoft', 'license', 'monthly', 2040, 'user', 1, NULL, NULL, 'Power BI Pro plus paginated reports, AI features and larger models.', 'All of Power BI Pro plus paginated reports, AutoML, deployment pipelines, 100 GB model size limit and 48 refreshes per day.', 1, 'microsoft', 1),
  (24, 'MS-CFQ7TTC0HCH9-M', 'Microsoft Defender for Business', 'microsoft-defender-for-business', 'Microsoft', 'license', 'monthly', 250, 'user', 1, NULL, NULL, 'Endpoint protection with EDR and automated investigation for up to five devices per user.', 'Next-generation antivirus, endpoint detection and response, automated investigation and remediation, and threat and vulnerability management for Windows, macOS, iOS and Android.', 1, 'microsoft', 1),
  (25, 'MS-CFQ7TTC0LH26-M', 'Microsoft Defender for Endpoint P1', 'microsoft-defender-for-endpoint-p1', 'Microsoft', 'license', 'monthly', 250, 'user', 1, NULL, NULL, 'Enterprise next-generation protection and attack surface reduction.', 'Antimalware, attack surface reduction rules, device control and centralised management for enterprise endpoints.', 1, 'microsoft', 1),
  (26, 'MS-CFQ7TTC0LHSV-M', 'Microsoft Defender for Office 365 (Plan 1)', 'microsoft-defender-for-office-365-plan-1', 'Microsoft', 'license', 'monthly', 170, 'user', 1, NULL, NULL, 'Safe Links and Safe Attachments protection against phishing and zero-day malware.', 'Protects Exchange, Teams, SharePoint and OneDrive with Safe Attachments detonation, time-of-click Safe Links and anti-phishing impersonation protection.', 1, 'microsoft', 1),
  (27, 'MS-CFQ7TTC0LFN9-M', 'Microsoft Entra ID P1', 'microsoft-entra-id-p1', 'Microsoft', 'license', 'monthly', 510, 'user', 1, NULL, NULL, 'Conditional access, self-service password reset and hybrid identity.', 'Identity and access management with conditional access policies, multi-factor authentication, self-service password reset with on-premises write-back and group-based access management.', 1, 'microsoft', 1),
  (28, 'MS-CFQ7TTC0LCHV-M', 'Microsoft Intune Plan 1', 'microsoft-intune-plan-1', 'Microsoft', 'license', 'monthly', 680, 'user', 1, NULL, NULL, 'Cloud device and app management for Windows, macOS, iOS and Android.', 'Enrol, configure and secure company and personal devices, deploy applications and enforce compliance policies from the cloud.', 1, 'microsoft', 1),
  (29, 'MS-CFQ7TTC0MM8R-A', 'Microsoft 365 Copilot (annual)', 'microsoft-365-copilot', 'Microsoft', 'license', 'annual', 30600, 'user', 1, NULL, NULL, 'AI assistant in Word, Excel, PowerPoint, Outlook and Teams, grounded in your work data.', 'Microsoft 365 Copilot works alongside you in the Microsoft 365 apps and in Teams, drafting, summarising and analysing with access to your organisation''s e-mail, files and meetings under existing permissions. Requires a qualifying Microsoft 365 plan. Annual commitment.', 1, 'microsoft', 1),
  (30, 'MS-AZURE-PLAN', 'Azure plan', 'azure-plan', 'Microsoft', 'usage', 'monthly', 0, 'plan', 1, 1, NULL, 'Pay-as-you-go access to Microsoft Azure: virtual machines, storage, databases and more.', 'One Azure plan per customer gives access to all Azure services through Microsoft''s Customer Agreement. You pay only for what you consume, billed monthly in arrears from the daily usage records, which you can follow on the storefront.', 0, 'microsoft', 1),
  (31, 'MS-DG7GMGF0DVSV-P', 'Windows Server 2022 Standard (16 cores)', 'windows-server-2022-standard-16-core', 'Microsoft', 'software', 'one_time', 85000, 'licence', 1, NULL, NULL, 'Perpetual licence for 16 physical cores, with rights to two virtual machines.', 'Windows Server 2022 Standard perpetual licence covering 16 cores of one physical server, including two operating system environments. Client access licences are sold separately.', 0, 'manual', 1),
  (32, 'MS-DG7GMGF0D7FV-P', 'Office LTSC Standard 2024', 'office-ltsc-standard-2024', 'Microsoft', 'software', 'one_time', 42000, 'licence', 1, NULL, NULL, 'Perpetual volume licence of Word, Excel, PowerPoint, Outlook and OneNote for one PC.', 'The perpetual, non-subscription release of Office for regulated and disconnected environments. One licence per device, with five years of security updates.', 0, 'manual', 1),
  (33, 'MS-DG7GMGF0D5RK-P', 'Windows 11 Pro Upgrade', 'windows-11-pro-upgrade', 'Microsoft', 'software', 'one_time', 16500, 'licence', 1, NULL, NULL, 'Upgrade a Windows 11 Home PC to Windows 11 Pro with BitLocker and domain join.', 'Perpetual upgrade licence adding BitLocker encryption, Hyper-V, Remote Desktop host, Group Policy and Entra ID join to an existing Windows 11 Home installation.', 0, 'manual', 1),
  (34, 'GAPPS-BIZ-STARTER-M', 'Google Workspace Business Starter', 'google-workspace-business-starter', 'Google', 'license', 'monthly', 620, 'user', 1, NULL, 30, 'Gmail with your domain, Meet, Drive with 30 GB per user, Docs, Sheets and Slides.', 'Custom and secure business e-mail, 100-participant video meetings, 30 GB of pooled storage per user, and the Google Docs editors with real-time collaboration. Flexible plan, add or remove users any month.', 1, 'google', 1),
  (35, 'GAPPS-BIZ-STARTER-A', 'Google Workspace Business Starter (annual)', 'google-workspace-business-starter-annual', 'Google', 'license', 'annual', 6240, 'user', 1, NULL, NULL, 'Business Starter on an annual plan at a lower price per user.', 'Google Workspace Business Starter on a one-year commitment billed annually. Licences can be added during the term.', 1, 'google', 1),
  (36, 'GAPPS-BIZ-STANDARD-M', 'Google Workspace Business Standard', 'google-workspace-business-standard', 'Google', 'license', 'monthly', 1240, 'user', 1, NULL, 30, '2 TB of storage per user, 150-participant meetings with recording, and appointment booking.', 'Everything in Business Starter plus 2 TB of pooled storage per user, 150-participant Meet calls with recording and noise cancellation, shared drives, and eSignature in Docs and PDFs.', 1, 'google', 1),
  (37, 'GAPPS-BIZ-STANDARD-A', 'Google Workspace Business Standard (annual)', 'google-workspace-business-standard-annual', 'Google', 'license', 'annual', 12480, 'user', 1, NULL, NULL, 'Business Standard on an annual plan, billed yearly.', 'Google Workspace Business Standard on a one-year commitment billed annually.', 1, 'google', 1),
  (38, 'GAPPS-BIZ-PLUS-M', 'Google Workspace Business Plus', 'google-workspace-business-plus', 'Google', 'license', 'monthly', 1920, 'user', 1, NULL, NULL, '5 TB per user, Vault eDiscovery and advanced endpoint management.', 'Everything in Business Standard plus 5 TB of pooled storage per user, 500-participant meetings with attendance tracking, Google Vault for retention and eDiscovery, and enhanced security and device management.', 1, 'google', 1),
  (39, 'GAPPS-ENT-STANDARD-M', 'Google Workspace Enterprise Standard', 'google-workspace-enterprise-standard', 'Google', 'license', 'monthly', 2100, 'user', 1, NULL, NULL, 'Enterprise controls: data loss prevention, data regions and 1000-participant meetings.', 'As much storage as you need, 1000-participant meetings with in-domain live streaming, data loss prevention, data regions, context-aware access and enterprise-grade support.', 1, 'google', 1),
  (40, 'GOOGLE-VOICE-STANDARD-M', 'Google Voice Standard', 'google-voice-standard', 'Google', 'license', 'monthly', 1700, 'user', 1, NULL, NULL, 'Cloud phone numbers for Workspace users with ring groups and desk phone support.', 'A business phone number for every Workspace user with voicemail transcription, ring groups, multi-level auto attendants and unlimited calling within the country.', 1, 'google', 1),
  (41, 'GOOGLE-APPSHEET-CORE-M', 'AppSheet Core', 'appsheet-core', 'Google', 'license', 'monthly', 820, 'user', 1, NULL, NULL, 'Build no-code apps and automations on top of Sheets, Drive and databases.', 'Create mobile and web apps and workflow automations from your spreadsheets and databases without writing code, with enterprise security and Workspace integration.', 1, 'google', 1),
  (42, 'ACR-CPC-STD-WS-M', 'Acronis Cyber Protect Cloud Standard (workstation)', 'acronis-cyber-protect-standard-workstation', 'Acronis', 'license', 'monthly', 350, 'device', 1, NULL, 30, 'Backup, anti-malware and vulnerability assessment for one Windows or Mac workstation.', 'Image and file backup to the Acronis cloud, AI-based anti-malware and anti-ransomware, vulnerability assessment and patch management for one workstation, managed from a single console.', 0, 'acronis', 1),
  (43, 'ACR-CPC-ADV-SRV-M', 'Acronis Cyber Protect Cloud Advanced (server)', 'acronis-cyber-protect-advanced-server', 'Acronis', 'license', 'monthly', 2400, 'server', 1, NULL, NULL, 'Advanced backup with continuous data protection for one physical or virtual server.', 'Everything in Standard plus continuous data protection, one-click recovery, backup of SQL Server and Exchange, and immutable storage for one physical or virtual server.', 0, 'acronis', 1),
  (44, 'ACR-BKP-M365-SEAT-M', 'Acronis Backup for Microsoft 365', 'acronis-backup-for-microsoft-365', 'Acronis', 'license', 'monthly', 160, 'seat', 1, NULL, 30, 'Cloud-to-cloud backup of Exchange, OneDrive, SharePoint and Teams per user.', 'Automatic daily backups of Exchange mailboxes, OneDrive, SharePoint sites and Teams with granular search and point-in-time recovery and unlimited retention.', 0, 'acronis', 1),
  (45, 'ACR-CPHO-ESS-A', 'Acronis Cyber Protect Home Office Essentials', 'acronis-cyber-protect-home-office-essentials', 'Acronis', 'software', 'annual', 4200, 'computer', 1, NULL, NULL, 'Annual backup and anti-ransomware software for one home-office computer.', 'Full-image and file backup to local drives, active ransomware and cryptojacking protection and cloning tools for one Windows or Mac computer. One-year subscription.', 0, 'acronis', 1),
  (46, 'ACR-CLOUD-STORAGE-250-M', 'Acronis Cloud Storage 250 GB', 'acronis-cloud-storage-250-gb', 'Acronis', 'license', 'monthly', 900, 'pack', 1, NULL, NULL, '250 GB of Acronis-hosted backup storage in an EU data centre.', 'Adds a 250 GB block of backup storage in Acronis EU data centres with geo-redundancy and encryption at rest.', 0, 'acronis', 1),
  (47, 'DBX-BIZ-STD-M', 'Dropbox Business Standard', 'dropbox-business-standard', 'Dropbox', 'license', 'monthly', 1250, 'user', 3, NULL, 30, '5 TB of team storage with file recovery, version history and admin controls.', 'Secure team storage starting at 5 TB, 180-day file recovery and version history, Dropbox Transfer for large files, and admin console with team folders. Minimum three users.', 0, 'manual', 1),
  (48, 'DBX-BIZ-ADV-M', 'Dropbox Business Advanced', 'dropbox-business-advanced', 'Dropbox', 'license', 'monthly', 1900, 'user', 3, NULL, NULL, 'Storage as you need it, tiered admin roles and advanced security.', 'Everything in Business Standard plus storage that grows with your team, tiered admin roles, single sign-on integration, device approvals and an activity audit trail.', 0, 'manual', 1),
  (49, 'ADB-ACROBAT-PRO-TEAMS-A', 'Adobe Acrobat Pro for teams (annual)', 'adobe-acrobat-pro-for-teams', 'Adobe', 'license', 'annual', 19900, 'user', 1, NULL, NULL, 'Create, edit, convert, protect and e-sign PDFs on desktop, web and mobile.', 'The complete PDF solution with editing, conversion to Office formats, redaction, comparison and e-signatures, plus the Admin Console for licence management. Annual commitment.', 0, 'manual', 1),
  (50, 'ADB-CC-ALLAPPS-TEAMS-A', 'Adobe Creative Cloud All Apps for teams (annual)', 'adobe-creative-cloud-all-apps-for-teams', 'Adobe', 'license', 'annual', 89900, 'user', 1, NULL, NULL, 'Photoshop, Illustrator, InDesign, Premiere Pro and 20+ creative apps with 1 TB storage.', 'The full collection of Adobe creative desktop and mobile apps, Adobe Express, 1 TB of cloud storage per user and centralised licence administration. Annual commitment.', 0, 'manual', 1),
  (51, 'ADB-ACROBAT-STD-TEAMS-M', 'Adobe Acrobat Standard for teams', 'adobe-acrobat-standard-for-teams', 'Adobe', 'license', 'monthly', 1400, 'user', 1, NULL, NULL, 'Edit, export and sign PDFs on Windows and the web.', 'Essential PDF tools for Windows and the web: edit text and images, export to Office, fill and sign forms and request signatures.', 0, 'manual', 1),
  (52, 'KES-CLOUD-PLUS-A', 'Kaspersky Endpoint Security Cloud Plus', 'kaspersky-endpoint-security-cloud-plus', 'Kaspersky', 'license', 'annual', 4600, 'user', 1, NULL, NULL, 'Cloud-managed protection for PCs, servers and mobiles with patch management.', 'Protects two mobile devices and one workstation per user with anti-malware, web and device control, encryption management and patch management from a cloud console. Annual licence.', 0, 'manual', 1),
  (53, 'ESET-PROTECT-ENTRY-A', 'ESET PROTECT Entry', 'eset-protect-entry', 'ESET', 'license', 'annual', 3500, 'device', 1, NULL, 30, 'Endpoint and file server protection with a cloud management console.', 'Multilayered anti-malware for computers, smartphones and file servers managed from ESET PROTECT cloud. Annual licence per device.', 0, 'manual', 1),
  (54, 'ESET-PROTECT-ADV-A', 'ESET PROTECT Advanced', 'eset-protect-advanced', 'ESET', 'license', 'annual', 4900, 'device', 1, NULL, NULL, 'Entry plus full disk encryption and cloud sandbox for zero-day threats.', 'Everything in ESET PROTECT Entry plus LiveGuard Advanced cloud sandboxing and full disk encryption for Windows and macOS. Annual licence per device.', 0, 'manual', 1),
  (55, 'BD-GZ-BUSINESS-A', 'Bitdefender GravityZone Business Security', 'bitdefender-gravityzone-business-security', 'Bitdefender', 'license', 'annual', 2950, 'device', 1, NULL, 30, 'Award-winning anti-malware and anti-ransomware for workstations and servers.', 'Machine-learning anti-malware, ransomware mitigation, web filtering and firewall for Windows, macOS and Linux endpoints, managed from the GravityZone cloud console. Annual licence.', 0, 'manual', 1),
  (56, 'BD-GZ-PREMIUM-A', 'Bitdefender GravityZone Business Security Premium', 'bitdefender-gravityzone-premium', 'Bitdefender', 'license', 'annual', 6200, 'device', 1, NULL, NULL, 'Adds endpoint risk analytics, sandbox analyser and EDR.', 'Everything in Business Security plus endpoint detection and response, sandbox analyser, endpoint risk analytics and email security. Annual licence.', 0, 'manual', 1),
  (57, 'KEEPER-BIZ-M', 'Keeper Business', 'keeper-business', 'Keeper Security', 'license', 'monthly', 310, 'user', 1, NULL, NULL, 'Zero-knowledge password manager with shared folders and admin console.', 'Encrypted password vault for every employee with shared team folders, role-based policies, activity reporting and single sign-on compatibility.', 0, 'manual', 1),
  (58, 'ZOOM-WP-PRO-M', 'Zoom Workplace Pro', 'zoom-workplace-pro', 'Zoom', 'license', 'monthly', 1190, 'user', 1, NULL, 30, 'Meetings of up to 30 hours with 100 participants, 5 GB cloud recording and AI Companion.', 'HD video meetings of up to 30 hours for 100 participants, team chat, whiteboards, 5 GB of cloud recording per licence and Zoom AI Companion at no extra cost.', 0, 'manual', 1),
  (59, 'ZOOM-WP-BIZ-M', 'Zoom Workplace Business', 'zoom-workplace-business', 'Zoom', 'license', 'monthly', 1690, 'user', 1, NULL, NULL, '300-participant meetings, SSO, managed domains and unlimited whiteboards.', 'Everything in Pro plus 300-participant meetings, single sign-on, managed domains, company branding, unlimited whiteboards and Zoom Scheduler.', 0, 'manual', 1),
  (60, 'ZOOM-ROOMS-M', 'Zoom Rooms', 'zoom-rooms', 'Zoom', 'license', 'monthly', 4200, 'room', 1, NULL, NULL, 'Software-defined conference room system licence for one room.', 'Licenses one meeting room for Zoom Rooms hardware with one-touch join, wireless content sharing and remote room management.', 0, 'manual', 1),
  (61, 'SLACK-PRO-M', 'Slack Pro', 'slack-pro', 'Slack', 'license', 'monthly', 660, 'user', 1, NULL, NULL, 'Unlimited message history, huddles with up to 50 people and unlimited apps.', 'Unlimited channels and message history, group huddles, Slack Connect with external partners and unlimited app integrations and workflows.', 0, 'manual', 1),
  (62, 'SLACK-BIZPLUS-M', 'Slack Business+', 'slack-business-plus', 'Slack', 'license', 'monthly', 1130, 'user', 1, NULL, NULL, 'SAML single sign-on, data exports and 99.99 % uptime SLA.', 'Everything in Pro plus SAML-based single sign-on, user provisioning, data exports for all messages and a 99.99 % guaranteed uptime SLA.', 0, 'manual', 1),
  (63, 'TV-BUSINESS-A', 'TeamViewer Business', 'teamviewer-business', 'TeamViewer', 'software', 'annual', 31900, 'licence', 1, NULL, NULL, 'Remote access and support for one licensed user on three devices.', 'Remote control, file transfer and unattended access to up to 200 managed devices for one licensed user, installable on three devices. Annual subscription.', 0, 'manual', 1),
  (64, 'VEEAM-BKP-M365-A', 'Veeam Backup for Microsoft 365', 'veeam-backup-for-microsoft-365', 'Veeam', 'license', 'annual', 1900, 'user', 1, NULL, NULL, 'Self-hosted backup of Exchange, SharePoint, OneDrive and Teams data.', 'Back up Microsoft 365 data to your own infrastructure or object storage with flexible retention, eDiscovery and granular restores. Annual subscription per user.', 0, 'manual', 1),
  (65, 'AUTODESK-ACAD-LT-A', 'AutoCAD LT (annual)', 'autocad-lt', 'Autodesk', 'software', 'annual', 38500, 'user', 1, NULL, NULL, '2D drafting and documentation software for one named user.', 'Precision 2D drafting, drawing and documentation with the AutoCAD LT desktop, web and mobile apps. Annual subscription for one named user.', 0, 'manual', 1),
  (66, 'NW-SVC-M365-SETUP', 'Microsoft 365 tenant setup', 'microsoft-365-tenant-setup', 'Northwind Services', 'service', 'one_time', 29000, 'project', 1, NULL, NULL, 'We configure your Microsoft 365 tenant, domains, security defaults and users.', 'A certified engineer creates or reviews your Microsoft 365 tenant: custom domain and DNS records, multi-factor authentication, security defaults, users and groups, shared mailboxes and a handover session. Remote, up to 25 users.', 0, 'manual', 1),
  (67, 'NW-SVC-MAILBOX-MIG', 'Mailbox migration to Exchange Online', 'mailbox-migration-to-exchange-online', 'Northwind Services', 'service', 'one_time', 2500, 'mailbox', 1, NULL, NULL, 'Migration of one mailbox from IMAP, Google or Exchange to Exchange Online.', 'Migrates one mailbox with e-mail, calendar and contacts from any IMAP server, Google Workspace or on-premises Exchange to Exchange Online, with a delta pass at cut-over.', 0, 'manual', 1),
  (68, 'NW-SVC-GWS-MIG', 'Migration to Google Workspace', 'migration-to-google-workspace', 'Northwind Services', 'service', 'one_time', 2900, 'user', 1, NULL, NULL, 'Migration of one user''s mail, calendar and files to Google Workspace.', 'Moves e-mail, calendar, contacts and files of one user from Microsoft 365, Exchange or IMAP into Google Workspace with minimal downtime.', 0, 'manual', 1),
  (69, 'NW-SVC-ONBOARDING', 'Cloud onboarding workshop', 'cloud-onboarding-workshop', 'Northwind Services', 'service', 'one_time', 45000, 'workshop', 1, NULL, NULL, 'A half-day remote workshop to plan your move to the cloud.', 'A four-hour remote workshop with a solutions architect: inventory of your current tools, licence recommendation, migration plan and security baseline, delivered as a written report.', 0, 'manual', 1),
  (70, 'NW-SVC-HELPDESK-M', 'Managed helpdesk (per user)', 'managed-helpdesk', 'Northwind Services', 'service', 'monthly', 1500, 'user', 1, NULL, NULL, 'Business-hours remote support for your staff, per user per month.', 'Unlimited remote support by phone, e-mail and chat during business hours for Microsoft 365, Google Workspace and Windows and macOS desktops, with a four-hour response target.', 0, 'manual', 1),
  (71, 'NW-SVC-SEC-ASSESS', 'Security assessment', 'security-assessment', 'Northwind Services', 'service', 'one_time', 95000, 'project', 1, NULL, NULL, 'A review of your identity, device and e-mail security against best practice.', 'Review of Microsoft 365 or Google Workspace configuration, Secure Score, conditional access, device compliance and e-mail authentication (SPF, DKIM, DMARC), with a prioritised remediation plan.', 0, 'manual', 1),
  (72, 'NW-SVC-AZURE-LZ', 'Azure landing zone setup', 'azure-landing-zone-setup', 'Northwind Services', 'service', 'one_time', 180000, 'project', 1, NULL, NULL, 'A well-architected Azure foundation: subscriptions, networking, policies and budgets.', 'Deploys an Azure landing zone following the Cloud Adoption Framework: management groups, hub-and-spoke networking, Azure Policy guardrails, logging and cost budgets, documented and handed over.', 0, 'manual', 1),
  (73, 'NW-SVC-BACKUP-SETUP', 'Backup setup and test restore', 'backup-setup-and-test-restore', 'Northwind Services', 'service', 'one_time', 15000, 'project', 1, NULL, NULL, 'We deploy your backup agents, define the plan and prove a restore works.', 'Installation and configuration of Acronis or Veeam backup agents, a backup plan with retention and a documented test restore.', 0, 'manual', 1),
  (74, 'MS-SKYPE-BIZ-P2-M', 'Skype for Business Online (Plan 2)', 'skype-for-business-online-plan-2', 'Microsoft', 'license', 'monthly', 470, 'user', 1, NULL, NULL, 'Retired: replaced by Microsoft Teams.', 'Skype for Business Online was retired by Microsoft. Existing customers should move to Microsoft Teams Essentials or a Microsoft 365 plan.', 1, 'microsoft', 0);
INSERT INTO products (id, distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost, currency,
  unit_label, min_quantity, max_quantity, trial_days, short_description, description, image_url, connector, active, created_at)
SELECT id, 1, sku, name, slug, manufacturer, type, billing_period, unit_cost, 'EUR',
  unit_label, min_quantity, max_quantity, trial_days, short_description, description,
  IF(has_image, CONCAT('media:product-', CASE
    WHEN slug LIKE '%teams%' OR slug LIKE '%voice%' OR slug LIKE '%skype%' THEN 'meeting'
    WHEN slug LIKE '%defender%' OR slug LIKE '%entra%' OR slug LIKE '%intune%' THEN 'shield'
    WHEN slug LIKE '%power-bi%' OR slug LIKE '%project%' OR slug LIKE '%visio%' THEN 'chart'
    WHEN slug LIKE '%exchange%' THEN 'mail'
    WHEN slug LIKE '%copilot%' OR slug LIKE '%appsheet%' THEN 'spark'
    ELSE 'suite' END), NULL),
  CASE WHEN type IN ('usage', 'service') THEN 'manual' WHEN connector IN ('microsoft', 'google', 'acronis') THEN 'keys' ELSE connector END, active, '2024-01-10 09:00:00'
FROM seed_products;
DROP TEMPORARY TABLE seed_products;

-- Product pages as the catalog editor makes them (bin/shelf product edit, the
-- TUI's p): a description in the safe Markdown subset and a specification table.
UPDATE products SET description = CONCAT(
  'Everything in **Business Basic**, plus the installable desktop apps on up to five PCs or Macs, ',
  'five tablets and five phones per user.\n\n',
  '- *Word, Excel, PowerPoint, Outlook* and OneNote, always up to date\n',
  '- webinars with attendee registration and reporting\n',
  '- Microsoft Loop and Clipchamp\n\n',
  'Set up in minutes: we provision the licences as soon as your order is approved. ',
  'See the [service description](https://learn.microsoft.com/office365/servicedescriptions/) for the details.'),
  specs = '[{"key": "Mailbox", "value": "50 GB per user"}, {"key": "Cloud storage", "value": "1 TB OneDrive per user"},'
    ' {"key": "Devices", "value": "5 PCs or Macs, 5 tablets, 5 phones"}, {"key": "Meetings", "value": "Up to 300 participants"}]'
WHERE slug = 'microsoft-365-business-standard';
UPDATE products SET specs = '[{"key": "Storage", "value": "30 GB pooled per user"},'
    ' {"key": "Meetings", "value": "100 participants"}, {"key": "Support", "value": "Standard"}]'
WHERE slug = 'google-workspace-business-starter';

INSERT INTO product_categories (product_id, category_id) VALUES
  (1, 1),
  (1, 9),
  (1, 4),
  (2, 1),
  (2, 9),
  (2, 4),
  (3, 1),
  (3, 9),
  (3, 4),
  (4, 1),
  (4, 9),
  (4, 4),
  (5, 1),
  (5, 2),
  (5, 9),
  (6, 1),
  (6, 2),
  (6, 9),
  (7, 1),
  (7, 2),
  (8, 1),
  (8, 2),
  (9, 1),
  (9, 6),
  (10, 1),
  (11, 1),
  (12, 9),
  (13, 9),
  (13, 2),
  (14, 9),
  (14, 3),
  (15, 4),
  (15, 6),
  (16, 6),
  (17, 6),
  (17, 4),
  (18, 1),
  (19, 1),
  (20, 1),
  (20, 4),
  (21, 1),
  (21, 4),
  (22, 1),
  (23, 1),
  (24, 2),
  (25, 2),
  (26, 2),
  (26, 9),
  (27, 2),
  (28, 2),
  (28, 5),
  (29, 1),
  (30, 5),
  (31, 5),
  (31, 8),
  (32, 1),
  (32, 8),
  (33, 8),
  (34, 1),
  (34, 9),
  (34, 4),
  (35, 1),
  (35, 9),
  (35, 4),
  (36, 1),
  (36, 9),
  (36, 4),
  (37, 1),
  (37, 9),
  (37, 4),
  (38, 1),
  (38, 9),
  (38, 2),
  (39, 1),
  (39, 9),
  (39, 2),
  (40, 6),
  (41, 1),
  (42, 3),
  (42, 2),
  (43, 3),
  (43, 2),
  (43, 5),
  (44, 3),
  (44, 9),
  (45, 3),
  (45, 8),
  (46, 3),
  (46, 5),
  (47, 4),
  (48, 4),
  (48, 2),
  (49, 1),
  (50, 1),
  (50, 8),
  (51, 1),
  (52, 2),
  (53, 2),
  (54, 2),
  (55, 2),
  (56, 2),
  (57, 2),
  (58, 6),
  (58, 4),
  (59, 6),
  (59, 4),
  (60, 6),
  (61, 4),
  (61, 6),
  (62, 4),
  (62, 6),
  (63, 8),
  (63, 5),
  (64, 3),
  (64, 9),
  (65, 8),
  (66, 7),
  (67, 7),
  (67, 9),
  (68, 7),
  (68, 9),
  (69, 7),
  (70, 7),
  (71, 7),
  (71, 2),
  (72, 7),
  (72, 5),
  (73, 7),
  (73, 3),
  (74, 6);

-- Product slugs from before a rename (301).
INSERT INTO product_slug_redirects (distributor_id, old_slug, product_id, created_at) VALUES
  (1, 'power-bi-pro-licence', 22, '2025-04-01 09:00:00'),
  (1, 'office-365-e3', 7, '2024-06-01 09:00:00');

-- Listings. Demo Cloud Shop lists 46 products and keeps the markup of 7
-- unlisted ones. Markups 0-40 %.
INSERT INTO listings (reseller_id, product_id, listed, markup_bp, featured, listed_at, updated_at) VALUES
  (1, 1, 1, 1500, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 2, 1, 1200, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 3, 1, 1800, 1, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 4, 1, 1500, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 5, 1, 2000, 1, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 6, 1, 1750, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 7, 1, 1250, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 8, 1, 1000, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 9, 1, 1500, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 12, 1, 2000, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 13, 1, 1800, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 14, 1, 0, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 15, 1, 2500, 1, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 16, 1, 2200, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 18, 1, 1500, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 20, 1, 1500, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 22, 1, 1333, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 24, 1, 1500, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 26, 1, 2500, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 27, 1, 1500, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 28, 1, 1500, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 29, 1, 800, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 30, 1, 1000, 1, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 31, 1, 1200, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 32, 1, 1500, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 34, 1, 1800, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 36, 1, 1600, 1, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 38, 1, 1500, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 42, 1, 3500, 1, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 44, 1, 4000, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 46, 1, 3000, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 47, 1, 2000, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 49, 1, 1000, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 53, 1, 2500, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 55, 1, 3000, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 57, 1, 3500, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 58, 1, 1500, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 60, 1, 1000, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 61, 1, 1200, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 66, 1, 3000, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 67, 1, 4000, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 69, 1, 2500, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 70, 1, 4000, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 72, 1, 2000, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 68, 1, 3500, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 73, 1, 2500, 0, '2025-02-10 10:00:00', '2026-10-01 12:00:00'),
  (1, 11, 0, 1500, 0, '2025-02-10 10:00:00', '2026-09-15 12:00:00'),
  (1, 19, 0, 2000, 0, '2025-02-10 10:00:00', '2026-09-15 12:00:00'),
  (1, 21, 0, 1250, 0, '2025-02-10 10:00:00', '2026-09-15 12:00:00'),
  (1, 35, 0, 1000, 0, '2025-02-10 10:00:00', '2026-09-15 12:00:00'),
  (1, 43, 0, 2750, 0, '2025-02-10 10:00:00', '2026-09-15 12:00:00'),
  (1, 59, 0, 1500, 0, '2025-02-10 10:00:00', '2026-09-15 12:00:00'),
  (1, 62, 0, 500, 0, '2025-02-10 10:00:00', '2026-09-15 12:00:00'),
  (2, 1, 1, 2000, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (2, 3, 1, 2250, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (2, 5, 1, 2500, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (2, 7, 1, 2750, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (2, 8, 1, 2000, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (2, 24, 1, 2250, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (2, 27, 1, 2500, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (2, 28, 1, 2750, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (2, 12, 1, 2000, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (2, 30, 1, 2250, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (2, 22, 1, 2500, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (2, 66, 1, 2750, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (2, 67, 1, 2000, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (2, 18, 0, 2000, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (2, 20, 0, 2000, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (3, 34, 1, 1800, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (3, 36, 1, 2050, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (3, 38, 1, 2300, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (3, 44, 1, 2550, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (3, 42, 1, 1800, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (3, 53, 1, 2050, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (3, 68, 1, 2300, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (3, 39, 0, 1800, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (4, 58, 1, 2200, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (4, 59, 1, 2450, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (4, 61, 1, 2700, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (4, 62, 1, 2950, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (4, 47, 1, 2200, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (4, 48, 1, 2450, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (4, 15, 1, 2700, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (4, 57, 1, 2950, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (4, 49, 1, 2200, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (5, 1, 1, 1500, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (5, 3, 1, 1750, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (6, 1, 1, 2500, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (6, 34, 1, 2750, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (6, 12, 1, 3000, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (6, 55, 1, 3250, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 5, 1, 1200, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 7, 1, 1450, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 8, 1, 1700, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 9, 1, 1950, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 30, 1, 1200, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 25, 1, 1450, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 26, 1, 1700, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 27, 1, 1950, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 28, 1, 1200, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 43, 1, 1450, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 44, 1, 1700, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 64, 1, 1950, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 71, 1, 1200, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 72, 1, 1450, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 70, 1, 1700, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 31, 1, 1950, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 63, 1, 1200, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 29, 0, 1200, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (7, 23, 0, 1200, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (8, 3, 1, 1500, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (8, 5, 1, 1750, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (8, 30, 1, 2000, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (8, 50, 1, 2250, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (8, 49, 1, 1500, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (8, 65, 1, 1750, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (8, 52, 1, 2000, 0, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (9, 1, 1, 1000, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (9, 3, 1, 1250, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00'),
  (9, 42, 1, 1500, 1, '2025-06-01 10:00:00', '2026-06-01 10:00:00');

-- Customers: 1-34 belong to Demo Cloud Shop (2, 9, 16, 18, 29 need order
-- approval, 24, 30, 31, 32 are inactive), the rest to other resellers.
INSERT INTO customers (id, reseller_id, name, email, phone, address, country, contact_name, active, approval_required, created_at) VALUES
  (1, 1, 'Acme Logistics BV', 'accounts@acme-logistics.example', '+31 10 555 2000', 'Waalhaven Oostzijde 1, 3087 BM Rotterdam', 'NL', 'Dana Buyer', 1, 0, '2025-02-19 10:00:00'),
  (2, 1, 'Globex Engineering GmbH', 'einkauf@globex.example', '+49 89 555 3100', 'Leopoldstrasse 45, 80802 Muenchen', 'DE', 'Greta Hoffmann', 1, 1, '2025-02-28 11:00:00'),
  (3, 1, 'Initrode Accountants LLP', 'office@initrode.example', '+353 1 555 4000', '20 Harcourt Street, Dublin 2', 'IE', 'Liam Byrne', 1, 0, '2025-03-09 12:00:00'),
  (4, 1, 'Umbrella Dental Clinics', 'admin@umbrella-dental.example', '+33 4 55 50 40 40', '12 Rue de la Republique, 69002 Lyon', 'FR', 'Claire Martin', 1, 0, '2025-03-18 13:00:00'),
  (5, 1, 'Stark Architecture Studio', 'studio@stark-architecture.example', '+39 06 5550 3030', 'Via Giulia 66, 00186 Roma', 'IT', 'Marco Bellini', 1, 0, '2025-03-27 14:00:00'),
  (6, 1, 'Wayne Property Management', 'info@wayne-property.example', '+32 3 555 2020', 'Meir 50, 2000 Antwerpen', 'BE', 'Bruno Peeters', 1, 0, '2025-04-05 15:00:00'),
  (7, 1, 'Hooli Media SARL', 'contact@hooli-media.example', '+33 1 55 50 77 00', '8 Rue du Sentier, 75002 Paris', 'FR', 'Amelie Roux', 1, 0, '2025-04-14 09:00:00'),
  (8, 1, 'Soylent Foods NV', 'it@soylent-foods.example', '+31 40 555 8080', 'Strijp-S 14, 5617 AB Eindhoven', 'NL', 'Sven de Jong', 1, 0, '2025-04-23 10:00:00'),
  (9, 1, 'Vandelay Import Export SL', 'art@vandelay.example', '+34 96 555 1010', 'Calle de Colon 20, 46004 Valencia', 'ES', 'Art Vandelay', 1, 1, '2025-05-02 11:00:00'),
  (10, 1, 'Cyberdyne Robotics AB', 'it@cyberdyne.example', '+46 31 555 6060', 'Lindholmspiren 3, 417 56 Goteborg', 'SE', 'Sara Lind', 1, 0, '2025-05-11 12:00:00'),
  (11, 1, 'Tyrell Biotech Oy', 'admin@tyrell-bio.example', '+358 9 555 2121', 'Tekniikantie 12, 02150 Espoo', 'FI', 'Eero Virtanen', 1, 0, '2025-05-20 13:00:00'),
  (12, 1, 'Wonka Confectionery Ltd', 'office@wonka-sweets.example', '+353 61 555 9090', 'Dock Road, Limerick V94 K2X0', 'IE', 'Charlie Bucket', 1, 0, '2025-05-29 14:00:00'),
  (13, 1, 'Pied Piper Compression GmbH', 'ops@piedpiper.example', '+49 30 555 4444', 'Torstrasse 140, 10119 Berlin', 'DE', 'Richard Hendricks', 1, 0, '2025-06-07 15:00:00'),
  (14, 1, 'Massive Dynamic SRL', 'it@massive-dynamic.example', '+39 011 555 7070', 'Via Roma 101, 10123 Torino', 'IT', 'Nina Sharp', 1, 0, '2025-06-16 09:00:00'),
  (15, 1, 'Oceanic Travel Agency', 'bookings@oceanic-travel.example', '+30 21 0555 8150', 'Ermou 30, 105 63 Athina', 'GR', 'Kostas Papadakis', 1, 0, '2025-06-25 10:00:00'),
  (16, 1, 'Gringotts Advisory SA', 'compliance@gringotts-advisory.example', '+352 555 123', 'Boulevard Royal 15, 2449 Luxembourg', 'LU', 'Griphook Bank', 1, 1, '2025-07-04 11:00:00'),
  (17, 1, 'Bluth Homes SL', 'george@bluth-homes.example', '+34 95 555 0001', 'Avenida de la Constitucion 5, 41004 Sevilla', 'ES', 'Michael Bluth', 1, 0, '2025-07-13 12:00:00'),
  (18, 1, 'Dunder Paper Supplies BV', 'purchasing@dunder-paper.example', '+32 9 555 1414', 'Korenmarkt 9, 9000 Gent', 'BE', 'Pam Beesly', 1, 1, '2025-07-22 13:00:00'),
  (19, 1, 'Prestige Worldwide Events', 'events@prestige-worldwide.example', '+351 21 555 8000', 'Rua Augusta 100, 1100-053 Lisboa', 'PT', 'Brennan Huff', 1, 0, '2025-07-31 14:00:00'),
  (20, 1, 'Monarch Legal Partners', 'office@monarch-legal.example', '+43 662 555 300', 'Getreidegasse 9, 5020 Salzburg', 'AT', 'Sophie Wagner', 1, 0, '2025-08-09 15:00:00'),
  (21, 1, 'Sterling Cooper Advertising', 'studio@sterling-cooper.example', '+31 20 555 1960', 'Herengracht 400, 1017 BX Amsterdam', 'NL', 'Joan Holloway', 1, 0, '2025-08-18 09:00:00'),
  (22, 1, 'Los Pollos Catering SL', 'info@lospollos-catering.example', '+34 95 555 2200', 'Calle Larios 4, 29005 Malaga', 'ES', 'Gustavo Fring', 1, 0, '2025-08-27 10:00:00'),
  (23, 1, 'Aperture Labs Consulting', 'hr@aperture-labs.example', '+49 711 555 9000', 'Koenigstrasse 1, 70173 Stuttgart', 'DE', 'Caroline Johnson', 1, 0, '2025-09-05 11:00:00'),
  (24, 1, 'Black Mesa Research', 'admin@black-mesa.example', '+49 221 555 1998', 'Domkloster 4, 50667 Koeln', 'DE', 'Gordon Freeman', 0, 0, '2025-09-14 12:00:00'),
  (25, 1, 'Krusty Kitchen Franchise', 'hq@krusty-kitchen.example', '+33 5 55 50 12 12', '3 Allee de Tourny, 33000 Bordeaux', 'FR', 'Herschel Krustofski', 1, 0, '2025-09-23 13:00:00'),
  (26, 1, 'Nakatomi Trading GmbH', 'office@nakatomi-trading.example', '+43 1 555 8800', 'Kaerntner Ring 5, 1010 Wien', 'AT', 'Holly Gennero', 1, 0, '2025-10-02 14:00:00'),
  (27, 1, 'Wernham Hogg Paper', 'office@wernham-hogg.example', '+353 1 555 2001', 'Slough House, Dublin 4', 'IE', 'David Brent', 1, 0, '2025-10-11 15:00:00'),
  (28, 1, 'Duff Brewing Collective', 'bier@duff-brewing.example', '+32 50 555 3300', 'Markt 1, 8000 Brugge', 'BE', 'Barney Gumble', 1, 0, '2025-10-20 09:00:00'),
  (29, 1, 'Virtucon Holdings AG', 'finance@virtucon.example', '+41 44 555 6600', 'Bahnhofstrasse 10, 8001 Zuerich', 'CH', 'Number Two', 1, 1, '2025-10-29 10:00:00'),
  (30, 1, 'Initech Software BV', 'office@initech.example', '+31 70 555 1999', 'Spui 70, 2511 BT Den Haag', 'NL', 'Peter Gibbons', 0, 0, '2025-11-07 11:00:00'),
  (31, 1, 'Kramerica Industries', 'cosmo@kramerica.example', '+31 20 555 3434', 'Damrak 1, 1012 LG Amsterdam', 'NL', 'Cosmo Kramer', 0, 0, '2025-11-16 12:00:00'),
  (32, 1, 'Ollivander Woodcraft', 'shop@ollivander-wood.example', '+353 91 555 0382', 'Shop Street 3, Galway H91 E2K3', 'IE', 'Garrick Ollivander', 0, 0, '2025-11-25 13:00:00'),
  (33, 1, 'Sirius Cybernetics Sp. z o.o.', 'complaints@sirius-cyber.example', '+48 12 555 4242', 'Rynek Glowny 42, 31-042 Krakow', 'PL', 'Marvin Paranoid', 1, 0, '2025-12-04 14:00:00'),
  (34, 1, 'Zorg Industries SAS', 'contact@zorg-industries.example', '+33 4 55 50 55 55', '5 Quai du Port, 13002 Marseille', 'FR', 'Jean-Baptiste Zorg', 1, 0, '2025-12-13 15:00:00'),
  (35, 2, 'Thames Valley Surveyors', 'it@tvsurveyors.example', NULL, NULL, 'GB', 'Oliver Grant', 1, 0, '2025-11-23 10:00:00'),
  (36, 2, 'Camden Yoga Collective', 'hello@camdenyoga.example', NULL, NULL, 'GB', 'Maya Patel', 1, 1, '2025-11-28 10:00:00'),
  (37, 2, 'Shoreditch Print Works', 'print@shoreditch-print.example', NULL, NULL, 'GB', 'Dana Buyer', 1, 0, '2025-12-03 10:00:00'),
  (38, 3, 'Tiroler Bergbahnen GmbH', 'it@tiroler-bergbahnen.example', NULL, NULL, 'AT', 'Lukas Huber', 1, 0, '2025-12-08 10:00:00'),
  (39, 3, 'Kaffeehaus Melange', 'office@melange.example', NULL, NULL, 'AT', 'Anna Gruber', 1, 0, '2025-12-13 10:00:00'),
  (40, 3, 'Graz Physio Praxis', 'praxis@graz-physio.example', NULL, NULL, 'AT', 'Julia Steiner', 0, 0, '2025-12-18 10:00:00'),
  (41, 4, 'Liffey Design Studio', 'studio@liffey-design.example', NULL, NULL, 'IE', 'Aoife Kelly', 1, 0, '2025-12-23 10:00:00'),
  (42, 4, 'Galway Seafood Exports', 'orders@galway-seafood.example', NULL, NULL, 'IE', 'Sean Murphy', 1, 1, '2025-12-28 10:00:00'),
  (43, 5, 'Hanse Logistik GmbH', 'it@hanse-logistik.example', NULL, NULL, 'DE', 'Jan Petersen', 1, 0, '2026-01-02 10:00:00'),
  (44, 6, 'Barcelona Bikes SL', 'hola@bcn-bikes.example', NULL, NULL, 'ES', 'Jordi Puig', 1, 0, '2026-01-07 10:00:00'),
  (45, 7, 'EuroParl Consultancy', 'it@europarl-consult.example', NULL, NULL, 'BE', 'Elise Dubois', 1, 1, '2026-01-12 10:00:00'),
  (46, 7, 'Antwerp Diamond Traders', 'security@antwerp-diamonds.example', NULL, NULL, 'BE', 'Noah Janssens', 1, 0, '2026-01-17 10:00:00'),
  (47, 7, 'Ghent University Spin-off', 'admin@ugent-spinoff.example', NULL, NULL, 'BE', 'Lotte Maes', 1, 0, '2026-01-22 10:00:00'),
  (48, 7, 'Liege Steelworks SA', 'dsi@liege-steel.example', NULL, NULL, 'BE', 'Hugo Lambert', 1, 0, '2026-01-27 10:00:00'),
  (49, 8, 'Atelier Lumiere', 'bonjour@atelier-lumiere.example', NULL, NULL, 'FR', 'Camille Bernard', 1, 0, '2026-02-01 10:00:00'),
  (50, 8, 'Bordeaux Wine Exports', 'it@bdx-wine.example', NULL, NULL, 'FR', 'Louis Moreau', 1, 0, '2026-02-06 10:00:00'),
  (51, 9, 'Nyhavn Shipping ApS', 'it@nyhavn-shipping.example', NULL, NULL, 'DK', 'Freja Nielsen', 1, 0, '2026-02-11 10:00:00'),
  (52, 10, 'Milano Fashion House', 'it@milano-fashion.example', NULL, NULL, 'IT', 'Giulia Conti', 1, 0, '2026-02-16 10:00:00'),
  (53, 11, 'Vistula Software', 'admin@vistula-soft.example', NULL, NULL, 'PL', 'Piotr Nowak', 1, 0, '2026-02-21 10:00:00'),
  (54, 12, 'Utrecht Bakery Group', 'info@utrecht-bakery.example', NULL, NULL, 'NL', 'Femke Visser', 1, 0, '2026-02-26 10:00:00'),
  (55, 13, 'Gamla Stan Antiques', 'info@gamlastan-antik.example', NULL, NULL, 'SE', 'Erik Johansson', 1, 0, '2026-03-03 10:00:00');

-- Storefront users. Every one has the password demo-password-1. 1 is the demo
-- buyer, 3 must change the password, 4 is disabled, 8 is locked (until
-- 2030), 12 belongs to an inactive customer, 15 has the same
-- e-mail as 1 on another reseller’s storefront.
INSERT INTO storefront_users (id, reseller_id, customer_id, email, name, password_hash, role, active, must_change_password, failed_logins, locked_until, created_at, last_login_at) VALUES
  (1, 1, 1, 'buyer@demo.example', 'Dana Buyer', '$y$j9T$4Z62ElflTuosSZiVdJONv0$mo3CEB/kTH9wqOkyQI00341vpQCpK3zzBAj.Eo1aE00', 'owner', 1, 0, 0, NULL, '2025-03-01 09:00:00', '2026-11-24 16:20:00'),
  (2, 1, 1, 'it@acme-logistics.example', 'Tom Okafor', '$y$j9T$4Z62ElflTuosSZiVdJONv0$mo3CEB/kTH9wqOkyQI00341vpQCpK3zzBAj.Eo1aE00', 'member', 1, 0, 0, NULL, '2025-03-01 09:00:00', '2026-11-20 08:05:00'),
  (3, 1, 1, 'newhire@acme-logistics.example', 'Priya Nair', '$y$j9T$4Z62ElflTuosSZiVdJONv0$mo3CEB/kTH9wqOkyQI00341vpQCpK3zzBAj.Eo1aE00', 'member', 1, 1, 0, NULL, '2025-03-01 09:00:00', NULL),
  (4, 1, 1, 'former@acme-logistics.example', 'Kees Bakker', '$y$j9T$4Z62ElflTuosSZiVdJONv0$mo3CEB/kTH9wqOkyQI00341vpQCpK3zzBAj.Eo1aE00', 'member', 0, 0, 0, NULL, '2025-03-01 09:00:00', '2026-03-01 10:00:00'),
  (5, 1, 2, 'purchasing@globex.example', 'Greta Hoffmann', '$y$j9T$4Z62ElflTuosSZiVdJONv0$mo3CEB/kTH9wqOkyQI00341vpQCpK3zzBAj.Eo1aE00', 'owner', 1, 0, 0, NULL, '2025-03-01 09:00:00', '2026-11-24 10:01:00'),
  (6, 1, 3, 'office@initrode.example', 'Liam Byrne', '$y$j9T$4Z62ElflTuosSZiVdJONv0$mo3CEB/kTH9wqOkyQI00341vpQCpK3zzBAj.Eo1aE00', 'owner', 1, 0, 0, NULL, '2025-03-01 09:00:00', '2026-11-02 11:11:00'),
  (7, 1, 4, 'admin@umbrella-dental.example', 'Claire Martin', '$y$j9T$4Z62ElflTuosSZiVdJONv0$mo3CEB/kTH9wqOkyQI00341vpQCpK3zzBAj.Eo1aE00', 'owner', 1, 0, 0, NULL, '2025-03-01 09:00:00', '2026-10-28 14:00:00'),
  (8, 1, 5, 'finance@stark-architecture.example', 'Marco Bellini', '$y$j9T$4Z62ElflTuosSZiVdJONv0$mo3CEB/kTH9wqOkyQI00341vpQCpK3zzBAj.Eo1aE00', 'member', 1, 0, 5, '2030-01-01 00:00:00', '2025-03-01 09:00:00', '2026-09-30 09:00:00'),
  (9, 1, 9, 'art@vandelay.example', 'Art Vandelay', '$y$j9T$4Z62ElflTuosSZiVdJONv0$mo3CEB/kTH9wqOkyQI00341vpQCpK3zzBAj.Eo1aE00', 'owner', 1, 0, 0, NULL, '2025-03-01 09:00:00', '2026-11-23 17:45:00'),
  (10, 1, 19, 'events@prestige-worldwide.example', 'Brennan Huff', '$y$j9T$4Z62ElflTuosSZiVdJONv0$mo3CEB/kTH9wqOkyQI00341vpQCpK3zzBAj.Eo1aE00', 'owner', 1, 0, 0, NULL, '2025-03-01 09:00:00', '2026-11-24 09:00:00'),
  (11, 1, 20, 'office@monarch-legal.example', 'Sophie Wagner', '$y$j9T$4Z62ElflTuosSZiVdJONv0$mo3CEB/kTH9wqOkyQI00341vpQCpK3zzBAj.Eo1aE00', 'owner', 1, 0, 0, NULL, '2025-03-01 09:00:00', '2026-11-20 15:30:00'),
  (12, 1, 30, 'owner@initech.example', 'Peter Gibbons', '$y$j9T$4Z62ElflTuosSZiVdJONv0$mo3CEB/kTH9wqOkyQI00341vpQCpK3zzBAj.Eo1aE00', 'owner', 1, 0, 0, NULL, '2025-03-01 09:00:00', '2025-12-15 09:00:00'),
  (13, 1, 18, 'purchasing@dunder-paper.example', 'Pam Beesly', '$y$j9T$4Z62ElflTuosSZiVdJONv0$mo3CEB/kTH9wqOkyQI00341vpQCpK3zzBAj.Eo1aE00', 'owner', 1, 0, 0, NULL, '2025-03-01 09:00:00', '2026-11-25 07:40:00'),
  (14, 1, 13, 'ops@piedpiper.example', 'Richard Hendricks', '$y$j9T$4Z62ElflTuosSZiVdJONv0$mo3CEB/kTH9wqOkyQI00341vpQCpK3zzBAj.Eo1aE00', 'owner', 1, 0, 0, NULL, '2025-03-01 09:00:00', '2026-11-15 22:10:00'),
  (15, 2, 37, 'buyer@demo.example', 'Dana Buyer', '$y$j9T$4Z62ElflTuosSZiVdJONv0$mo3CEB/kTH9wqOkyQI00341vpQCpK3zzBAj.Eo1aE00', 'owner', 1, 0, 0, NULL, '2025-03-01 09:00:00', '2026-10-10 10:00:00'),
  (16, 7, 46, 'security@antwerp-diamonds.example', 'Noah Janssens', '$y$j9T$4Z62ElflTuosSZiVdJONv0$mo3CEB/kTH9wqOkyQI00341vpQCpK3zzBAj.Eo1aE00', 'owner', 1, 0, 0, NULL, '2025-03-01 09:00:00', '2026-11-22 13:00:00'),
  (17, 4, 41, 'studio@liffey-design.example', 'Aoife Kelly', '$y$j9T$4Z62ElflTuosSZiVdJONv0$mo3CEB/kTH9wqOkyQI00341vpQCpK3zzBAj.Eo1aE00', 'owner', 1, 0, 0, NULL, '2025-03-01 09:00:00', NULL);

-- Orders in every state. Totals are filled in from the lines below.
INSERT INTO orders (id, reseller_id, customer_id, number, status, currency, placed_by_user_id, placed_via, order_token, customer_note, reject_reason, failure_reason, decided_by_operator_id, decided_at, created_at) VALUES
  (1, 1, 1, 'SO-000001', 'completed', 'EUR', 1, 'storefront', 'f6ef47fcf9915348a7066444744ab2ca', NULL, NULL, NULL, NULL, NULL, '2025-12-01 09:14:07'),
  (2, 1, 1, 'SO-000002', 'completed', 'EUR', 1, 'storefront', '8df7085f449956198b003ae4103fb4b2', NULL, NULL, NULL, NULL, NULL, '2026-03-02 11:20:00'),
  (3, 1, 1, 'SO-000003', 'completed', 'EUR', 1, 'storefront', '007db30034f15225aff560978c697afa', NULL, NULL, NULL, NULL, NULL, '2026-11-10 15:02:44'),
  (4, 1, 3, 'SO-000004', 'completed', 'EUR', 6, 'storefront', 'fd63ef6a805f58e384144f5bd50566ba', NULL, NULL, NULL, NULL, NULL, '2026-02-17 10:00:00'),
  (5, 1, 4, 'SO-000005', 'completed', 'EUR', 7, 'storefront', '1e97ac99be3250b8b2e912cb308ea588', NULL, NULL, NULL, NULL, NULL, '2026-04-08 09:30:00'),
  (6, 1, 5, 'SO-000006', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-05-20 14:45:00'),
  (7, 1, 6, 'SO-000007', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2025-11-28 16:00:00'),
  (8, 1, 7, 'SO-000008', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-06-11 10:10:00'),
  (9, 1, 8, 'SO-000009', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-01-05 08:55:00'),
  (10, 1, 10, 'SO-000010', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2025-09-15 13:00:00'),
  (11, 1, 11, 'SO-000011', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-07-01 09:00:00'),
  (12, 1, 12, 'SO-000012', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-08-19 11:45:00'),
  (13, 1, 13, 'SO-000013', 'completed', 'EUR', 14, 'storefront', '27e5776c50325ffba80f68d2d097a7c3', NULL, NULL, NULL, NULL, NULL, '2026-09-03 10:30:00'),
  (14, 1, 14, 'SO-000014', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-10-14 09:05:00'),
  (15, 1, 15, 'SO-000015', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-11-18 12:00:00'),
  (16, 1, 2, 'SO-000016', 'pending_approval', 'EUR', 5, 'storefront', 'f6d7f8d7c910583eb4b4116dda8ab9d6', 'For the new Munich office, start 1 December please.', NULL, NULL, NULL, NULL, '2026-11-24 10:02:31.512000'),
  (17, 1, 9, 'SO-000017', 'pending_approval', 'EUR', 9, 'storefront', '84f86ba7f3b65582aa00780dc4529681', NULL, NULL, NULL, NULL, NULL, '2026-11-23 17:47:12'),
  (18, 1, 17, 'SO-000018', 'approved', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-11-25 08:30:00'),
  (19, 1, 19, 'SO-000019', 'provisioning', 'EUR', 10, 'storefront', '87111d1c84c55654a925149e2a455487', NULL, NULL, NULL, NULL, NULL, '2026-11-24 09:03:00'),
  (20, 1, 20, 'SO-000020', 'failed', 'EUR', 11, 'storefront', 'ddc9cdf6de575b30ba65a50c8c7cc3e9', NULL, NULL, 'Google reseller API: the domain monarch-legal.example is already managed by another reseller (transfer token required)', NULL, NULL, '2026-11-20 15:31:00'),
  (21, 1, 2, 'SO-000021', 'rejected', 'EUR', 5, 'storefront', 'a268545d55e2585c8906d6e4201fce16', NULL, 'Not in this year''s budget, please resubmit in January.', NULL, 2, '2026-10-30 14:00:00', '2026-10-30 09:12:00'),
  (22, 1, 21, 'SO-000022', 'cancelled', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-11-12 10:00:00'),
  (23, 1, 22, 'SO-000023', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-10-02 10:20:00'),
  (24, 1, 23, 'SO-000024', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-06-25 12:00:00'),
  (25, 1, 25, 'SO-000025', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-03-30 10:00:00'),
  (26, 1, 26, 'SO-000026', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-05-05 09:00:00'),
  (27, 1, 18, 'SO-000027', 'pending_approval', 'EUR', 13, 'storefront', 'c39bfed772ee56ebad098433aaf0d793', NULL, NULL, NULL, NULL, NULL, '2026-11-25 07:45:00'),
  (28, 1, 1, 'SO-000028', 'completed', 'EUR', 1, 'storefront', '1fa09f3a2836557bbd07edd3c685d9f1', NULL, NULL, NULL, NULL, NULL, '2026-09-12 14:00:00'),
  (29, 1, 24, 'SO-000029', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2025-06-01 10:00:00'),
  (30, 1, 28, 'SO-000030', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-02-02 10:00:00'),
  (31, 1, 16, 'SO-000031', 'rejected', 'EUR', NULL, 'admin', NULL, NULL, 'Duplicate of the offline quote Q-2026-118.', NULL, 2, '2026-11-05 16:30:00', '2026-11-05 11:00:00'),
  (32, 1, 33, 'SO-000032', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-11-19 09:40:00'),
  (33, 1, 14, 'SO-000033', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-11-03 10:00:00'),
  (34, 1, 27, 'SO-000034', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-04-14 09:00:00'),
  (35, 1, 34, 'SO-000035', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-10-20 13:00:00'),
  (36, 2, 35, 'SO-000001', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-01-12 10:00:00'),
  (37, 2, 37, 'SO-000002', 'completed', 'EUR', 15, 'storefront', 'ea9e0ae621b458f1b8e7e0480007934f', NULL, NULL, NULL, NULL, NULL, '2026-08-08 10:00:00'),
  (38, 2, 36, 'SO-000003', 'pending_approval', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-11-22 19:00:00'),
  (39, 3, 38, 'SO-000001', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-02-01 08:00:00'),
  (40, 3, 39, 'SO-000002', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-05-15 08:00:00'),
  (41, 4, 41, 'SO-000001', 'completed', 'EUR', 17, 'storefront', '6d4fcc4e3f4f5f7b9a8a52986b92ed7c', NULL, NULL, NULL, NULL, NULL, '2026-03-03 12:00:00'),
  (42, 7, 45, 'SO-000001', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2025-12-15 09:00:00'),
  (43, 7, 46, 'SO-000002', 'completed', 'EUR', 16, 'storefront', '4169964b7c025bda84aa952c490d4284', NULL, NULL, NULL, NULL, NULL, '2026-06-01 09:00:00'),
  (44, 7, 47, 'SO-000003', 'provisioning', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-11-25 09:15:00'),
  (45, 8, 49, 'SO-000001', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-04-20 11:00:00'),
  (46, 9, 51, 'SO-000001', 'completed', 'EUR', NULL, 'admin', NULL, NULL, NULL, NULL, NULL, NULL, '2026-07-07 07:00:00');

-- Order lines: the wanted product and quantity, priced from the catalog cost
-- and the reseller’s listing markup at seed time.
CREATE TEMPORARY TABLE seed_lines (id BIGINT UNSIGNED PRIMARY KEY, order_id BIGINT UNSIGNED, line_no INT,
  product_id BIGINT UNSIGNED, quantity INT, is_trial TINYINT);
INSERT INTO seed_lines (id, order_id, line_no, product_id, quantity, is_trial) VALUES
  (1, 1, 1, 4, 10, 0),
  (2, 1, 2, 66, 1, 0),
  (3, 1, 3, 67, 10, 0),
  (4, 2, 1, 30, 1, 0),
  (5, 3, 1, 15, 5, 1),
  (6, 4, 1, 1, 25, 0),
  (7, 4, 2, 14, 25, 0),
  (8, 5, 1, 36, 12, 0),
  (9, 6, 1, 42, 15, 0),
  (10, 6, 2, 55, 15, 0),
  (11, 7, 1, 6, 8, 0),
  (12, 8, 1, 47, 6, 0),
  (13, 9, 1, 58, 4, 0),
  (14, 10, 1, 2, 20, 0),
  (15, 11, 1, 30, 1, 0),
  (16, 11, 2, 72, 1, 0),
  (17, 12, 1, 31, 2, 0),
  (18, 12, 2, 32, 5, 0),
  (19, 13, 1, 7, 30, 0),
  (20, 13, 2, 26, 30, 0),
  (21, 14, 1, 24, 40, 0),
  (22, 14, 2, 70, 40, 0),
  (23, 15, 1, 22, 3, 1),
  (24, 16, 1, 7, 20, 0),
  (25, 16, 2, 22, 5, 0),
  (26, 17, 1, 61, 15, 0),
  (27, 18, 1, 47, 5, 0),
  (28, 19, 1, 5, 6, 0),
  (29, 20, 1, 38, 10, 0),
  (30, 21, 1, 18, 3, 0),
  (31, 22, 1, 60, 2, 0),
  (32, 23, 1, 57, 12, 0),
  (33, 23, 2, 53, 12, 0),
  (34, 24, 1, 1, 7, 0),
  (35, 25, 1, 34, 9, 0),
  (36, 26, 1, 29, 2, 0),
  (37, 27, 1, 44, 30, 0),
  (38, 27, 2, 73, 1, 0),
  (39, 28, 1, 5, 2, 0),
  (40, 29, 1, 12, 10, 0),
  (41, 30, 1, 1, 10, 1),
  (42, 31, 1, 8, 50, 0),
  (43, 32, 1, 42, 10, 0),
  (44, 32, 2, 46, 2, 0),
  (45, 33, 1, 69, 1, 0),
  (46, 33, 2, 3, 40, 0),
  (47, 34, 1, 9, 25, 0),
  (48, 34, 2, 12, 5, 0),
  (49, 35, 1, 36, 6, 0),
  (50, 35, 2, 68, 6, 0),
  (51, 36, 1, 5, 18, 0),
  (52, 36, 2, 66, 1, 0),
  (53, 37, 1, 3, 4, 0),
  (54, 38, 1, 1, 6, 0),
  (55, 39, 1, 38, 45, 0),
  (56, 39, 2, 44, 45, 0),
  (57, 40, 1, 34, 5, 0),
  (58, 41, 1, 61, 11, 0),
  (59, 41, 2, 58, 3, 0),
  (60, 42, 1, 8, 120, 0),
  (61, 42, 2, 30, 1, 0),
  (62, 42, 3, 71, 1, 0),
  (63, 43, 1, 5, 35, 0),
  (64, 44, 1, 7, 12, 0),
  (65, 45, 1, 50, 4, 0),
  (66, 45, 2, 3, 9, 0),
  (67, 46, 1, 3, 22, 0);

INSERT INTO order_lines (id, order_id, line_no, product_id, quantity, unit_cost, markup_bp,
                         unit_price, line_price, line_cost, is_trial)
SELECT s.id, s.order_id, s.line_no, s.product_id, s.quantity, p.unit_cost, COALESCE(l.markup_bp, 0),
       p.unit_cost + (p.unit_cost * COALESCE(l.markup_bp, 0) + 5000) DIV 10000,
       (p.unit_cost + (p.unit_cost * COALESCE(l.markup_bp, 0) + 5000) DIV 10000) * s.quantity,
       p.unit_cost * s.quantity, s.is_trial
  FROM seed_lines s
  JOIN orders o ON o.id = s.order_id
  JOIN products p ON p.id = s.product_id
  LEFT JOIN listings l ON l.reseller_id = o.reseller_id AND l.product_id = s.product_id
 ORDER BY s.id;

UPDATE orders o
  JOIN (SELECT order_id, SUM(IF(is_trial, 0, line_price)) AS price, SUM(IF(is_trial, 0, line_cost)) AS cost
          FROM order_lines GROUP BY order_id) t ON t.order_id = o.id
   SET o.total_price = t.price, o.total_cost = t.cost;

UPDATE resellers r
   SET r.order_seq = (SELECT COUNT(*) FROM orders o WHERE o.reseller_id = r.id);

DROP TEMPORARY TABLE seed_lines;

-- Subscriptions: what the completed order lines of recurring products became.
-- Quantity and prices come from the order line.
CREATE TEMPORARY TABLE seed_subs (id BIGINT UNSIGNED PRIMARY KEY, order_line_id BIGINT UNSIGNED,
  status VARCHAR(16), start_date DATE, renewal_date DATE, trial_ends_on DATE, cancel_at_term_end TINYINT,
  pending_quantity INT, external_ref VARCHAR(128), created_at DATETIME);
INSERT INTO seed_subs (id, order_line_id, status, start_date, renewal_date, trial_ends_on, cancel_at_term_end, pending_quantity, external_ref, created_at) VALUES
  (1, 1, 'active', '2025-12-01', '2026-12-01', NULL, 0, NULL, '63fa97df-4ea7-513d-96d9-46d283a28686', '2025-12-01 09:14:07'),
  (2, 4, 'active', '2026-03-02', '2026-12-02', NULL, 0, NULL, '847a2a8b-6941-5619-87ed-c3dcd8ed2860', '2026-03-02 11:20:00'),
  (3, 5, 'trial', '2026-11-10', '2026-12-10', '2026-12-10', 0, NULL, 'd0b54b58-dc94-594d-8414-6d257439f481', '2026-11-10 15:02:44'),
  (4, 6, 'active', '2026-02-17', '2026-12-17', NULL, 0, NULL, '81a6d04e-3ee5-5d3a-8e00-f2bad76a7956', '2026-02-17 10:00:00'),
  (5, 7, 'active', '2026-02-17', '2026-12-17', NULL, 0, 20, 'f9e80f62-3226-5de5-838f-1cbbf18567e1', '2026-02-17 10:00:00'),
  (6, 8, 'active', '2026-04-08', '2026-12-08', NULL, 0, NULL, '003bc108-f592-5885-b53b-f2ab56b83ce7', '2026-04-08 09:30:00'),
  (7, 9, 'active', '2026-05-20', '2026-12-20', NULL, 0, NULL, '8080bcd6-5217-591f-a67b-b527c8a0b2c2', '2026-05-20 14:45:00'),
  (8, 10, 'active', '2026-05-20', '2027-05-20', NULL, 0, NULL, NULL, '2026-05-20 14:45:00'),
  (9, 11, 'active', '2025-11-28', '2026-11-28', NULL, 1, NULL, 'bcbcebda-e855-5af0-b668-d84f3b835933', '2025-11-28 16:00:00'),
  (10, 12, 'suspended', '2026-06-11', '2026-12-11', NULL, 0, NULL, NULL, '2026-06-11 10:10:00'),
  (11, 13, 'cancelled', '2026-01-05', '2026-06-05', NULL, 0, NULL, NULL, '2026-01-05 08:55:00'),
  (12, 14, 'expired', '2025-09-15', '2026-09-15', NULL, 0, NULL, NULL, '2025-09-15 13:00:00'),
  (13, 15, 'active', '2026-07-01', '2026-12-01', NULL, 0, NULL, 'a9aede6f-e947-5e4c-a906-0c5327edb223', '2026-07-01 09:00:00'),
  (14, 19, 'active', '2026-09-03', '2026-12-03', NULL, 0, NULL, 'e69e0bda-60fc-5f89-bb37-c011eaad495c', '2026-09-03 10:30:00'),
  (15, 20, 'active', '2026-09-03', '2026-12-03', NULL, 0, NULL, 'f9d6edfd-d057-5e84-a07d-739d661967a8', '2026-09-03 10:30:00'),
  (16, 21, 'active', '2026-10-14', '2026-12-14', NULL, 0, NULL, 'da4a0729-5009-5285-bfb1-bb038b9a79bf', '2026-10-14 09:05:00'),
  (17, 22, 'active', '2026-10-14', '2026-12-14', NULL, 0, NULL, NULL, '2026-10-14 09:05:00'),
  (18, 23, 'trial', '2026-11-18', '2026-12-18', '2026-12-18', 0, NULL, '6897c9da-7777-5556-b13e-6292675fe872', '2026-11-18 12:00:00'),
  (19, 32, 'active', '2026-10-02', '2026-12-02', NULL, 0, NULL, NULL, '2026-10-02 10:20:00'),
  (20, 33, 'active', '2026-10-02', '2027-10-02', NULL, 0, NULL, NULL, '2026-10-02 10:20:00'),
  (21, 34, 'active', '2026-06-25', '2026-11-25', NULL, 0, NULL, 'a66f812f-b05a-5474-a346-2afb2a73d6d9', '2026-06-25 12:00:00'),
  (22, 35, 'active', '2026-03-30', '2026-11-30', NULL, 0, NULL, '765ac468-6abd-5201-87ba-015f8ca9b5c9', '2026-03-30 10:00:00'),
  (23, 36, 'active', '2026-05-05', '2027-05-05', NULL, 0, NULL, '076d2388-7b31-539a-adc2-18e72bad8e7f', '2026-05-05 09:00:00'),
  (24, 39, 'active', '2026-09-12', '2026-12-12', NULL, 0, NULL, '3b0f5da9-e892-53cd-a9df-c3030045dd3a', '2026-09-12 14:00:00'),
  (25, 40, 'cancelled', '2025-06-01', '2025-12-01', NULL, 0, NULL, '08beb141-108a-5cab-a736-3d9c98c7bdc7', '2025-06-01 10:00:00'),
  (26, 41, 'expired', '2026-02-02', '2026-03-04', '2026-03-04', 0, NULL, NULL, '2026-02-02 10:00:00'),
  (27, 43, 'active', '2026-11-19', '2026-12-19', NULL, 0, NULL, 'b8d3b808-314a-5595-b31b-6e0e394c5cef', '2026-11-19 09:40:00'),
  (28, 44, 'active', '2026-11-19', '2026-12-19', NULL, 0, NULL, 'f65e9420-3826-571d-9867-7ceaf50cfa21', '2026-11-19 09:40:00'),
  (29, 46, 'active', '2026-11-03', '2026-12-03', NULL, 0, NULL, '83ca5130-5123-5e68-be1d-e553d113a38d', '2026-11-03 10:00:00'),
  (30, 47, 'active', '2026-04-14', '2026-12-14', NULL, 0, NULL, '81167c0f-8391-5b4d-9169-d3704c536859', '2026-04-14 09:00:00'),
  (31, 48, 'active', '2026-04-14', '2026-12-14', NULL, 0, NULL, 'd3a8e69a-fac5-50a2-8e5b-2e31b236ea31', '2026-04-14 09:00:00'),
  (32, 49, 'active', '2026-10-20', '2026-12-20', NULL, 0, NULL, '12b60962-3e92-5142-97b6-e66ca5d9dc9c', '2026-10-20 13:00:00'),
  (33, 51, 'active', '2026-01-12', '2026-12-12', NULL, 0, NULL, '62e0e01f-ce06-5f5b-a238-127d2fbc1328', '2026-01-12 10:00:00'),
  (34, 53, 'suspended', '2026-08-08', '2026-12-08', NULL, 0, NULL, 'a8a73adb-2ac7-56c1-93e1-e278d4a498fa', '2026-08-08 10:00:00'),
  (35, 55, 'active', '2026-02-01', '2026-12-01', NULL, 0, NULL, '055c7220-5066-5492-809b-6bf57b4a0b84', '2026-02-01 08:00:00'),
  (36, 56, 'active', '2026-02-01', '2026-12-01', NULL, 0, NULL, '1e1797ac-ee4b-5686-bc3e-c0b7e47e5b91', '2026-02-01 08:00:00'),
  (37, 57, 'active', '2026-05-15', '2026-12-15', NULL, 0, NULL, '482c4b49-1129-59a4-a5f0-6a655bbe6c8e', '2026-05-15 08:00:00'),
  (38, 58, 'active', '2026-03-03', '2026-12-03', NULL, 0, NULL, NULL, '2026-03-03 12:00:00'),
  (39, 59, 'active', '2026-03-03', '2026-12-03', NULL, 0, NULL, NULL, '2026-03-03 12:00:00'),
  (40, 60, 'active', '2025-12-15', '2026-12-15', NULL, 0, NULL, 'ad8ccb5f-5618-5e53-99a8-aef8ef2145a5', '2025-12-15 09:00:00'),
  (41, 61, 'active', '2025-12-15', '2026-12-15', NULL, 0, NULL, '340d13d5-4ded-5abb-989c-5e24f5f463d4', '2025-12-15 09:00:00'),
  (42, 63, 'active', '2026-06-01', '2026-12-01', NULL, 0, NULL, 'f095a547-48ea-5015-a8cc-50c44fe1cc60', '2026-06-01 09:00:00'),
  (43, 65, 'active', '2026-04-20', '2027-04-20', NULL, 0, NULL, NULL, '2026-04-20 11:00:00'),
  (44, 66, 'active', '2026-04-20', '2026-12-20', NULL, 0, NULL, '44a775e0-8bf5-533a-92f1-c8b5a0f4db55', '2026-04-20 11:00:00'),
  (45, 67, 'active', '2026-07-07', '2026-12-07', NULL, 0, NULL, '09195dfd-915c-5eda-bc53-48b355037d14', '2026-07-07 07:00:00');

INSERT INTO subscriptions (id, reseller_id, customer_id, product_id, order_line_id, quantity, pending_quantity,
                           status, unit_price, unit_cost, markup_bp, billing_period, start_date, renewal_date,
                           trial_ends_on, cancel_at_term_end, external_ref, created_at)
SELECT s.id, o.reseller_id, o.customer_id, ol.product_id, ol.id, ol.quantity, s.pending_quantity,
       s.status, ol.unit_price, ol.unit_cost, ol.markup_bp, p.billing_period, s.start_date, s.renewal_date,
       s.trial_ends_on, s.cancel_at_term_end, s.external_ref, s.created_at
  FROM seed_subs s
  JOIN order_lines ol ON ol.id = s.order_line_id
  JOIN orders o ON o.id = ol.order_id
  JOIN products p ON p.id = ol.product_id
 ORDER BY s.id;

DROP TEMPORARY TABLE seed_subs;

-- Assets: the one-time lines of completed orders.
INSERT INTO assets (reseller_id, customer_id, product_id, order_line_id, quantity, unit_price, unit_cost, serial, purchased_at)
SELECT o.reseller_id, o.customer_id, ol.product_id, ol.id, ol.quantity, ol.unit_price, ol.unit_cost,
       CASE WHEN p.type = 'software' THEN CONCAT('NW-', UPPER(LEFT(MD5(CONCAT('asset', ol.id)), 5)), '-',
                                               UPPER(SUBSTRING(MD5(CONCAT('asset', ol.id)), 6, 5))) END,
       o.created_at + INTERVAL 1 HOUR
  FROM order_lines ol
  JOIN orders o ON o.id = ol.order_id
  JOIN products p ON p.id = ol.product_id
 WHERE o.status = 'completed' AND p.billing_period = 'one_time'
 ORDER BY ol.id;

-- Azure usage: one row per day and meter from the first of the previous
-- month up to yesterday (relative to the load day) for the
-- three Azure plan subscriptions (2, 13, 41). quantity = (base + step x ((day x 7 + sub) mod m)) x factor,
-- cost = quantity x rate rounded half-up to the cent, price = cost plus the
-- subscription’s markup, rounded half-up.
CREATE TEMPORARY TABLE seed_meters (subscription_id BIGINT UNSIGNED, service VARCHAR(64), meter VARCHAR(128),
  region VARCHAR(32), unit VARCHAR(32), base DECIMAL(18,6), step DECIMAL(18,6), modulus INT,
  rate DECIMAL(18,6), factor INT);
INSERT INTO seed_meters (subscription_id, service, meter, region, unit, base, step, modulus, rate, factor) VALUES
  (2, 'Virtual Machines', 'D2s v5 (Linux)', 'westeurope', 'Hours', '48', '0', 1, '8.64', 1),
  (2, 'Storage', 'Standard SSD Managed Disks E10 LRS', 'westeurope', 'Disk/Month', '0.096774', '0', 1, '844.00', 1),
  (2, 'Storage', 'Hot LRS Data Stored', 'westeurope', 'GB/Month', '12.5', '0.75', 9, '0.1980', 1),
  (2, 'Storage', 'Hot Read Operations', 'westeurope', '10K', '35', '6', 11, '0.0440', 1),
  (2, 'Bandwidth', 'Standard Data Transfer Out', 'Zone 1', 'GB', '3.2', '1.1', 7, '8.05', 1),
  (2, 'SQL Database', 'vCore General Purpose Gen5 2 vCore', 'westeurope', 'Hours', '24', '0', 1, '48.40', 1),
  (2, 'Azure Monitor', 'Analytics Logs Data Ingestion', 'westeurope', 'GB', '0.8', '0.35', 5, '276.00', 1),
  (13, 'Virtual Machines', 'D2s v5 (Linux)', 'westeurope', 'Hours', '48', '0', 1, '8.64', 2),
  (13, 'Virtual Machines', 'B2ms (Windows)', 'westeurope', 'Hours', '24', '0', 1, '10.47', 2),
  (13, 'Storage', 'Standard SSD Managed Disks E10 LRS', 'westeurope', 'Disk/Month', '0.096774', '0', 1, '844.00', 2),
  (13, 'Storage', 'Hot LRS Data Stored', 'westeurope', 'GB/Month', '12.5', '0.75', 9, '0.1980', 2),
  (13, 'Bandwidth', 'Standard Data Transfer Out', 'Zone 1', 'GB', '3.2', '1.1', 7, '8.05', 2),
  (13, 'Azure App Service', 'P1 v3 App', 'northeurope', 'Hours', '24', '0', 1, '13.30', 2),
  (41, 'Virtual Machines', 'D2s v5 (Linux)', 'westeurope', 'Hours', '48', '0', 1, '8.64', 5),
  (41, 'Virtual Machines', 'B2ms (Windows)', 'westeurope', 'Hours', '24', '0', 1, '10.47', 5),
  (41, 'Storage', 'Standard SSD Managed Disks E10 LRS', 'westeurope', 'Disk/Month', '0.096774', '0', 1, '844.00', 5),
  (41, 'Storage', 'Hot LRS Data Stored', 'westeurope', 'GB/Month', '12.5', '0.75', 9, '0.1980', 5),
  (41, 'Storage', 'Hot Read Operations', 'westeurope', '10K', '35', '6', 11, '0.0440', 5),
  (41, 'Bandwidth', 'Standard Data Transfer Out', 'Zone 1', 'GB', '3.2', '1.1', 7, '8.05', 5),
  (41, 'SQL Database', 'vCore General Purpose Gen5 2 vCore', 'westeurope', 'Hours', '24', '0', 1, '48.40', 5),
  (41, 'Azure Monitor', 'Analytics Logs Data Ingestion', 'westeurope', 'GB', '0.8', '0.35', 5, '276.00', 5),
  (41, 'Azure App Service', 'P1 v3 App', 'northeurope', 'Hours', '24', '0', 1, '13.30', 5);

SET @usage_from = DATE_FORMAT(CURRENT_DATE - INTERVAL 1 MONTH, '%Y-%m-01');
SET @usage_days = DATEDIFF(CURRENT_DATE, @usage_from);

INSERT INTO usage_records (reseller_id, customer_id, subscription_id, usage_date, service, meter, region, quantity, unit, cost, price)
SELECT sub.reseller_id, sub.customer_id, sub.id, d.day, d.service, d.meter, d.region, d.qty, d.unit, d.cost,
       d.cost + (d.cost * sub.markup_bp + 5000) DIV 10000
  FROM (SELECT m.subscription_id, m.service, m.meter, m.region, m.unit,
               @usage_from + INTERVAL (q.seq - 1) DAY AS day,
               (m.base + m.step * MOD(q.seq * 7 + m.subscription_id, m.modulus)) * m.factor AS qty,
               CAST(ROUND((m.base + m.step * MOD(q.seq * 7 + m.subscription_id, m.modulus)) * m.factor * m.rate) AS SIGNED) AS cost
          FROM seed_meters m JOIN seq_1_to_62 q WHERE q.seq <= @usage_days) d
  JOIN subscriptions sub ON sub.id = d.subscription_id
 ORDER BY d.day, sub.id, d.service, d.meter;

DROP TEMPORARY TABLE seed_meters;

-- Microsoft 365 users of three demo customers.
INSERT INTO m365_users (id, reseller_id, customer_id, upn, display_name, enabled, created_at) VALUES
  (1, 1, 1, 'dana.buyer@acme-logistics.example', 'Dana Buyer', 1, '2026-01-10 09:00:00'),
  (2, 1, 1, 'tom.okafor@acme-logistics.example', 'Tom Okafor', 1, '2026-01-10 09:00:00'),
  (3, 1, 1, 'priya.nair@acme-logistics.example', 'Priya Nair', 1, '2026-01-10 09:00:00'),
  (4, 1, 1, 'jeroen.smit@acme-logistics.example', 'Jeroen Smit', 1, '2026-01-10 09:00:00'),
  (5, 1, 1, 'fatima.el.amrani@acme-logistics.example', 'Fatima El Amrani', 1, '2026-01-10 09:00:00'),
  (6, 1, 1, 'lucas.janssen@acme-logistics.example', 'Lucas Janssen', 1, '2026-01-10 09:00:00'),
  (7, 1, 1, 'emma.visser@acme-logistics.example', 'Emma Visser', 1, '2026-01-10 09:00:00'),
  (8, 1, 1, 'noah.de.boer@acme-logistics.example', 'Noah de Boer', 1, '2026-01-10 09:00:00'),
  (9, 1, 1, 'sophie.mulder@acme-logistics.example', 'Sophie Mulder', 1, '2026-01-10 09:00:00'),
  (10, 1, 1, 'it.admin@acme-logistics.example', 'IT Admin', 1, '2026-01-10 09:00:00'),
  (11, 1, 1, 'kees.bakker@acme-logistics.example', 'Kees Bakker', 0, '2026-01-10 09:00:00'),
  (12, 1, 1, 'meeting.room.zuid@acme-logistics.example', 'Meeting Room Zuid', 1, '2026-01-10 09:00:00'),
  (13, 1, 3, 'liam.byrne@initrode.example', 'Liam Byrne', 1, '2026-01-10 09:00:00'),
  (14, 1, 3, 'siobhan.walsh@initrode.example', 'Siobhan Walsh', 1, '2026-01-10 09:00:00'),
  (15, 1, 3, 'conor.doyle@initrode.example', 'Conor Doyle', 1, '2026-01-10 09:00:00'),
  (16, 1, 3, 'aisling.ryan@initrode.example', 'Aisling Ryan', 1, '2026-01-10 09:00:00'),
  (17, 1, 3, 'ciaran.obrien@initrode.example', 'Ciaran OBrien', 1, '2026-01-10 09:00:00'),
  (18, 1, 3, 'accounts.shared@initrode.example', 'Accounts Shared', 1, '2026-01-10 09:00:00'),
  (19, 1, 13, 'richard.hendricks@piedpiper.example', 'Richard Hendricks', 1, '2026-01-10 09:00:00'),
  (20, 1, 13, 'dinesh.chugtai@piedpiper.example', 'Dinesh Chugtai', 1, '2026-01-10 09:00:00'),
  (21, 1, 13, 'bertram.gilfoyle@piedpiper.example', 'Bertram Gilfoyle', 1, '2026-01-10 09:00:00'),
  (22, 1, 13, 'jared.dunn@piedpiper.example', 'Jared Dunn', 1, '2026-01-10 09:00:00');

-- Licence assignments (never more than the subscription quantity).
INSERT INTO m365_assignments (m365_user_id, subscription_id, assigned_at) VALUES
  (1, 1, '2026-02-01 10:00:00'),
  (1, 3, '2026-02-01 10:00:00'),
  (2, 24, '2026-02-01 10:00:00'),
  (3, 1, '2026-02-01 10:00:00'),
  (4, 1, '2026-02-01 10:00:00'),
  (4, 3, '2026-02-01 10:00:00'),
  (5, 1, '2026-02-01 10:00:00'),
  (6, 1, '2026-02-01 10:00:00'),
  (6, 3, '2026-02-01 10:00:00'),
  (7, 1, '2026-02-01 10:00:00'),
  (8, 1, '2026-02-01 10:00:00'),
  (9, 1, '2026-02-01 10:00:00'),
  (10, 24, '2026-02-01 10:00:00'),
  (13, 4, '2026-02-01 10:00:00'),
  (13, 5, '2026-02-01 10:00:00'),
  (14, 4, '2026-02-01 10:00:00'),
  (14, 5, '2026-02-01 10:00:00'),
  (15, 4, '2026-02-01 10:00:00'),
  (16, 4, '2026-02-01 10:00:00'),
  (16, 5, '2026-02-01 10:00:00'),
  (17, 4, '2026-02-01 10:00:00'),
  (19, 14, '2026-02-01 10:00:00'),
  (19, 15, '2026-02-01 10:00:00'),
  (20, 14, '2026-02-01 10:00:00'),
  (21, 14, '2026-02-01 10:00:00'),
  (21, 15, '2026-02-01 10:00:00'),
  (22, 14, '2026-02-01 10:00:00');

-- Invoices of the distributor to its resellers, August to November 2026.
-- Open invoices due before 2026-11-25 are overdue. Totals come from the lines.
INSERT INTO invoices (id, distributor_id, reseller_id, number, issued_on, due_on, period_start, period_end, currency, status) VALUES
  (1, 1, 1, 'NW-2026-001001', '2026-08-01', '2026-08-31', '2026-07-01', '2026-07-31', 'EUR', 'paid'),
  (2, 1, 1, 'NW-2026-001002', '2026-09-01', '2026-10-01', '2026-08-01', '2026-08-31', 'EUR', 'paid'),
  (3, 1, 1, 'NW-2026-001003', '2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30', 'EUR', 'open'),
  (4, 1, 1, 'NW-2026-001004', '2026-11-01', '2026-12-01', '2026-10-01', '2026-10-31', 'EUR', 'open'),
  (5, 1, 2, 'NW-2026-001005', '2026-08-01', '2026-08-31', '2026-07-01', '2026-07-31', 'EUR', 'paid'),
  (6, 1, 2, 'NW-2026-001006', '2026-09-01', '2026-10-01', '2026-08-01', '2026-08-31', 'EUR', 'paid'),
  (7, 1, 2, 'NW-2026-001007', '2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30', 'EUR', 'paid'),
  (8, 1, 2, 'NW-2026-001008', '2026-11-01', '2026-12-01', '2026-10-01', '2026-10-31', 'EUR', 'open'),
  (9, 1, 3, 'NW-2026-001009', '2026-08-01', '2026-08-31', '2026-07-01', '2026-07-31', 'EUR', 'paid'),
  (10, 1, 3, 'NW-2026-001010', '2026-09-01', '2026-10-01', '2026-08-01', '2026-08-31', 'EUR', 'paid'),
  (11, 1, 3, 'NW-2026-001011', '2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30', 'EUR', 'open'),
  (12, 1, 3, 'NW-2026-001012', '2026-11-01', '2026-12-01', '2026-10-01', '2026-10-31', 'EUR', 'open'),
  (13, 1, 4, 'NW-2026-001013', '2026-08-01', '2026-08-31', '2026-07-01', '2026-07-31', 'EUR', 'paid'),
  (14, 1, 4, 'NW-2026-001014', '2026-09-01', '2026-10-01', '2026-08-01', '2026-08-31', 'EUR', 'paid'),
  (15, 1, 4, 'NW-2026-001015', '2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30', 'EUR', 'paid'),
  (16, 1, 4, 'NW-2026-001016', '2026-11-01', '2026-12-01', '2026-10-01', '2026-10-31', 'EUR', 'open'),
  (17, 1, 5, 'NW-2026-001017', '2026-08-01', '2026-08-31', '2026-07-01', '2026-07-31', 'EUR', 'paid'),
  (18, 1, 5, 'NW-2026-001018', '2026-09-01', '2026-10-01', '2026-08-01', '2026-08-31', 'EUR', 'paid'),
  (19, 1, 5, 'NW-2026-001019', '2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30', 'EUR', 'paid'),
  (20, 1, 5, 'NW-2026-001020', '2026-11-01', '2026-12-01', '2026-10-01', '2026-10-31', 'EUR', 'open'),
  (21, 1, 6, 'NW-2026-001021', '2026-08-01', '2026-08-31', '2026-07-01', '2026-07-31', 'EUR', 'paid'),
  (22, 1, 6, 'NW-2026-001022', '2026-09-01', '2026-10-01', '2026-08-01', '2026-08-31', 'EUR', 'paid'),
  (23, 1, 6, 'NW-2026-001023', '2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30', 'EUR', 'paid'),
  (24, 1, 6, 'NW-2026-001024', '2026-11-01', '2026-12-01', '2026-10-01', '2026-10-31', 'EUR', 'open'),
  (25, 1, 7, 'NW-2026-001025', '2026-08-01', '2026-08-31', '2026-07-01', '2026-07-31', 'EUR', 'paid'),
  (26, 1, 7, 'NW-2026-001026', '2026-09-01', '2026-10-01', '2026-08-01', '2026-08-31', 'EUR', 'paid'),
  (27, 1, 7, 'NW-2026-001027', '2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30', 'EUR', 'paid'),
  (28, 1, 7, 'NW-2026-001028', '2026-11-01', '2026-12-01', '2026-10-01', '2026-10-31', 'EUR', 'open'),
  (29, 1, 8, 'NW-2026-001029', '2026-08-01', '2026-08-31', '2026-07-01', '2026-07-31', 'EUR', 'paid'),
  (30, 1, 8, 'NW-2026-001030', '2026-09-01', '2026-10-01', '2026-08-01', '2026-08-31', 'EUR', 'paid'),
  (31, 1, 8, 'NW-2026-001031', '2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30', 'EUR', 'open'),
  (32, 1, 8, 'NW-2026-001032', '2026-11-01', '2026-12-01', '2026-10-01', '2026-10-31', 'EUR', 'open'),
  (33, 1, 9, 'NW-2026-001033', '2026-08-01', '2026-08-31', '2026-07-01', '2026-07-31', 'EUR', 'paid'),
  (34, 1, 9, 'NW-2026-001034', '2026-09-01', '2026-10-01', '2026-08-01', '2026-08-31', 'EUR', 'paid'),
  (35, 1, 9, 'NW-2026-001035', '2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30', 'EUR', 'paid'),
  (36, 1, 9, 'NW-2026-001036', '2026-11-01', '2026-12-01', '2026-10-01', '2026-10-31', 'EUR', 'open'),
  (37, 1, 10, 'NW-2026-001037', '2026-08-01', '2026-08-31', '2026-07-01', '2026-07-31', 'EUR', 'paid'),
  (38, 1, 10, 'NW-2026-001038', '2026-09-01', '2026-10-01', '2026-08-01', '2026-08-31', 'EUR', 'paid'),
  (39, 1, 10, 'NW-2026-001039', '2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30', 'EUR', 'paid'),
  (40, 1, 10, 'NW-2026-001040', '2026-11-01', '2026-12-01', '2026-10-01', '2026-10-31', 'EUR', 'open'),
  (41, 1, 11, 'NW-2026-001041', '2026-08-01', '2026-08-31', '2026-07-01', '2026-07-31', 'EUR', 'paid'),
  (42, 1, 11, 'NW-2026-001042', '2026-09-01', '2026-10-01', '2026-08-01', '2026-08-31', 'EUR', 'paid'),
  (43, 1, 11, 'NW-2026-001043', '2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30', 'EUR', 'paid'),
  (44, 1, 11, 'NW-2026-001044', '2026-11-01', '2026-12-01', '2026-10-01', '2026-10-31', 'EUR', 'open'),
  (45, 1, 12, 'NW-2026-001045', '2026-08-01', '2026-08-31', '2026-07-01', '2026-07-31', 'EUR', 'paid'),
  (46, 1, 12, 'NW-2026-001046', '2026-09-01', '2026-10-01', '2026-08-01', '2026-08-31', 'EUR', 'void'),
  (47, 1, 12, 'NW-2026-001047', '2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30', 'EUR', 'paid'),
  (48, 1, 12, 'NW-2026-001048', '2026-11-01', '2026-12-01', '2026-10-01', '2026-10-31', 'EUR', 'open'),
  (49, 1, 13, 'NW-2026-001049', '2026-08-01', '2026-08-31', '2026-07-01', '2026-07-31', 'EUR', 'paid'),
  (50, 1, 13, 'NW-2026-001050', '2026-09-01', '2026-10-01', '2026-08-01', '2026-08-31', 'EUR', 'paid'),
  (51, 1, 13, 'NW-2026-001051', '2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30', 'EUR', 'paid'),
  (52, 1, 13, 'NW-2026-001052', '2026-11-01', '2026-12-01', '2026-10-01', '2026-10-31', 'EUR', 'open'),
  (53, 1, 14, 'NW-2026-001053', '2026-08-01', '2026-08-31', '2026-07-01', '2026-07-31', 'EUR', 'paid'),
  (54, 1, 14, 'NW-2026-001054', '2026-09-01', '2026-10-01', '2026-08-01', '2026-08-31', 'EUR', 'open'),
  (55, 1, 14, 'NW-2026-001055', '2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30', 'EUR', 'open'),
  (56, 1, 14, 'NW-2026-001056', '2026-11-01', '2026-12-01', '2026-10-01', '2026-10-31', 'EUR', 'open'),
  (57, 1, 15, 'NW-2026-001057', '2026-08-01', '2026-08-31', '2026-07-01', '2026-07-31', 'EUR', 'paid'),
  (58, 1, 15, 'NW-2026-001058', '2026-09-01', '2026-10-01', '2026-08-01', '2026-08-31', 'EUR', 'paid'),
  (59, 1, 15, 'NW-2026-001059', '2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30', 'EUR', 'paid'),
  (60, 1, 15, 'NW-2026-001060', '2026-11-01', '2026-12-01', '2026-10-01', '2026-10-31', 'EUR', 'open'),
  (61, 1, 16, 'NW-2026-001061', '2026-08-01', '2026-08-31', '2026-07-01', '2026-07-31', 'EUR', 'paid'),
  (62, 1, 16, 'NW-2026-001062', '2026-09-01', '2026-10-01', '2026-08-01', '2026-08-31', 'EUR', 'paid'),
  (63, 1, 16, 'NW-2026-001063', '2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30', 'EUR', 'open'),
  (64, 1, 16, 'NW-2026-001064', '2026-11-01', '2026-12-01', '2026-10-01', '2026-10-31', 'EUR', 'open'),
  (65, 1, 17, 'NW-2026-001065', '2026-08-01', '2026-08-31', '2026-07-01', '2026-07-31', 'EUR', 'open'),
  (66, 1, 17, 'NW-2026-001066', '2026-09-01', '2026-10-01', '2026-08-01', '2026-08-31', 'EUR', 'open'),
  (67, 1, 17, 'NW-2026-001067', '2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30', 'EUR', 'open'),
  (68, 1, 17, 'NW-2026-001068', '2026-11-01', '2026-12-01', '2026-10-01', '2026-10-31', 'EUR', 'open');

INSERT INTO invoice_lines (id, invoice_id, line_no, description, product_id, quantity, unit_amount, amount) VALUES
  (1, 1, 1, 'Microsoft 365 Business Premium, July 2026', 5, 39, 1870, 72930),
  (2, 1, 2, 'Exchange Online (Plan 1), July 2026', 12, 4, 340, 1360),
  (3, 2, 1, 'Google Workspace Business Standard, August 2026', 36, 42, 1240, 52080),
  (4, 2, 2, 'Acronis Cyber Protect Cloud Standard (workstation), August 2026', 42, 7, 350, 2450),
  (5, 2, 3, 'Microsoft 365 E3, August 2026', 7, 12, 3270, 39240),
  (6, 3, 1, 'Microsoft 365 Business Standard, September 2026', 3, 5, 1060, 5300),
  (7, 3, 2, 'Microsoft Defender for Business, September 2026', 24, 10, 250, 2500),
  (8, 3, 3, 'Bitdefender GravityZone Business Security, September 2026', 55, 15, 2950, 44250),
  (9, 3, 4, 'Zoom Workplace Pro, September 2026', 58, 20, 1190, 23800),
  (10, 4, 1, 'Microsoft 365 Business Basic, October 2026', 1, 8, 510, 4080),
  (11, 4, 2, 'Microsoft 365 Business Standard, October 2026', 3, 13, 1060, 13780),
  (12, 4, 3, 'Azure plan consumption October 2026', 30, 1, 19798, 19798),
  (13, 5, 1, 'Google Workspace Business Standard, July 2026', 36, 6, 1240, 7440),
  (14, 5, 2, 'Acronis Cyber Protect Cloud Standard (workstation), July 2026', 42, 11, 350, 3850),
  (15, 5, 3, 'Microsoft 365 E3, July 2026', 7, 16, 3270, 52320),
  (16, 6, 1, 'Microsoft 365 Business Standard, August 2026', 3, 9, 1060, 9540),
  (17, 6, 2, 'Microsoft Defender for Business, August 2026', 24, 14, 250, 3500),
  (18, 6, 3, 'Bitdefender GravityZone Business Security, August 2026', 55, 19, 2950, 56050),
  (19, 6, 4, 'Zoom Workplace Pro, August 2026', 58, 24, 1190, 28560),
  (20, 7, 1, 'Microsoft 365 Business Basic, September 2026', 1, 12, 510, 6120),
  (21, 7, 2, 'Microsoft 365 Business Standard, September 2026', 3, 17, 1060, 18020),
  (22, 7, 3, 'Azure plan consumption September 2026', 30, 1, 20432, 20432),
  (23, 8, 1, 'Microsoft 365 Business Premium, October 2026', 5, 15, 1870, 28050),
  (24, 8, 2, 'Exchange Online (Plan 1), October 2026', 12, 20, 340, 6800),
  (25, 9, 1, 'Microsoft 365 Business Standard, July 2026', 3, 13, 1060, 13780),
  (26, 9, 2, 'Microsoft Defender for Business, July 2026', 24, 18, 250, 4500),
  (27, 9, 3, 'Bitdefender GravityZone Business Security, July 2026', 55, 23, 2950, 67850),
  (28, 9, 4, 'Zoom Workplace Pro, July 2026', 58, 28, 1190, 33320),
  (29, 10, 1, 'Microsoft 365 Business Basic, August 2026', 1, 16, 510, 8160),
  (30, 10, 2, 'Microsoft 365 Business Standard, August 2026', 3, 21, 1060, 22260),
  (31, 10, 3, 'Azure plan consumption August 2026', 30, 1, 21066, 21066),
  (32, 11, 1, 'Microsoft 365 Business Premium, September 2026', 5, 19, 1870, 35530),
  (33, 11, 2, 'Exchange Online (Plan 1), September 2026', 12, 24, 340, 8160),
  (34, 12, 1, 'Google Workspace Business Standard, October 2026', 36, 22, 1240, 27280),
  (35, 12, 2, 'Acronis Cyber Protect Cloud Standard (workstation), October 2026', 42, 27, 350, 9450),
  (36, 12, 3, 'Microsoft 365 E3, October 2026', 7, 32, 3270, 104640),
  (37, 13, 1, 'Microsoft 365 Business Basic, July 2026', 1, 20, 510, 10200),
  (38, 13, 2, 'Microsoft 365 Business Standard, July 2026', 3, 25, 1060, 26500),
  (39, 13, 3, 'Azure plan consumption July 2026', 30, 1, 21700, 21700),
  (40, 14, 1, 'Microsoft 365 Business Premium, August 2026', 5, 23, 1870, 43010),
  (41, 14, 2, 'Exchange Online (Plan 1), August 2026', 12, 28, 340, 9520),
  (42, 15, 1, 'Google Workspace Business Standard, September 2026', 36, 26, 1240, 32240),
  (43, 15, 2, 'Acronis Cyber Protect Cloud Standard (workstation), September 2026', 42, 31, 350, 10850),
  (44, 15, 3, 'Microsoft 365 E3, September 2026', 7, 36, 3270, 117720),
  (45, 16, 1, 'Microsoft 365 Business Standard, October 2026', 3, 29, 1060, 30740),
  (46, 16, 2, 'Microsoft Defender for Business, October 2026', 24, 34, 250, 8500),
  (47, 16, 3, 'Bitdefender GravityZone Business Security, October 2026', 55, 39, 2950, 115050),
  (48, 16, 4, 'Zoom Workplace Pro, October 2026', 58, 4, 1190, 4760),
  (49, 17, 1, 'Microsoft 365 Business Premium, July 2026', 5, 27, 1870, 50490),
  (50, 17, 2, 'Exchange Online (Plan 1), July 2026', 12, 32, 340, 10880),
  (51, 18, 1, 'Google Workspace Business Standard, August 2026', 36, 30, 1240, 37200),
  (52, 18, 2, 'Acronis Cyber Protect Cloud Standard (workstation), August 2026', 42, 35, 350, 12250),
  (53, 18, 3, 'Microsoft 365 E3, August 2026', 7, 40, 3270, 130800),
  (54, 19, 1, 'Microsoft 365 Business Standard, September 2026', 3, 33, 1060, 34980),
  (55, 19, 2, 'Microsoft Defender for Business, September 2026', 24, 38, 250, 9500),
  (56, 19, 3, 'Bitdefender GravityZone Business Security, September 2026', 55, 3, 2950, 8850),
  (57, 19, 4, 'Zoom Workplace Pro, September 2026', 58, 8, 1190, 9520),
  (58, 20, 1, 'Microsoft 365 Business Basic, October 2026', 1, 36, 510, 18360),
  (59, 20, 2, 'Microsoft 365 Business Standard, October 2026', 3, 41, 1060, 43460),
  (60, 20, 3, 'Azure plan consumption October 2026', 30, 1, 22722, 22722),
  (61, 21, 1, 'Google Workspace Business Standard, July 2026', 36, 34, 1240, 42160),
  (62, 21, 2, 'Acronis Cyber Protect Cloud Standard (workstation), July 2026', 42, 39, 350, 13650),
  (63, 21, 3, 'Microsoft 365 E3, July 2026', 7, 4, 3270, 13080),
  (64, 22, 1, 'Microsoft 365 Business Standard, August 2026', 3, 37, 1060, 39220),
  (65, 22, 2, 'Microsoft Defender for Business, August 2026', 24, 42, 250, 10500),
  (66, 22, 3, 'Bitdefender GravityZone Business Security, August 2026', 55, 7, 2950, 20650),
  (67, 22, 4, 'Zoom Workplace Pro, August 2026', 58, 12, 1190, 14280),
  (68, 23, 1, 'Microsoft 365 Business Basic, September 2026', 1, 40, 510, 20400),
  (69, 23, 2, 'Microsoft 365 Business Standard, September 2026', 3, 5, 1060, 5300),
  (70, 23, 3, 'Azure plan consumption September 2026', 30, 1, 23356, 23356),
  (71, 24, 1, 'Microsoft 365 Business Premium, October 2026', 5, 3, 1870, 5610),
  (72, 24, 2, 'Exchange Online (Plan 1), October 2026', 12, 8, 340, 2720),
  (73, 25, 1, 'Microsoft 365 Business Standard, July 2026', 3, 41, 1060, 43460),
  (74, 25, 2, 'Microsoft Defender for Business, July 2026', 24, 6, 250, 1500),
  (75, 25, 3, 'Bitdefender GravityZone Business Security, July 2026', 55, 11, 2950, 32450),
  (76, 25, 4, 'Zoom Workplace Pro, July 2026', 58, 16, 1190, 19040),
  (77, 26, 1, 'Microsoft 365 Business Basic, August 2026', 1, 4, 510, 2040),
  (78, 26, 2, 'Microsoft 365 Business Standard, August 2026', 3, 9, 1060, 9540),
  (79, 26, 3, 'Azure plan consumption August 2026', 30, 1, 23990, 23990),
  (80, 27, 1, 'Microsoft 365 Business Premium, September 2026', 5, 7, 1870, 13090),
  (81, 27, 2, 'Exchange Online (Plan 1), September 2026', 12, 12, 340, 4080),
  (82, 28, 1, 'Google Workspace Business Standard, October 2026', 36, 10, 1240, 12400),
  (83, 28, 2, 'Acronis Cyber Protect Cloud Standard (workstation), October 2026', 42, 15, 350, 5250),
  (84, 28, 3, 'Microsoft 365 E3, October 2026', 7, 20, 3270, 65400),
  (85, 29, 1, 'Microsoft 365 Business Basic, July 2026', 1, 8, 510, 4080),
  (86, 29, 2, 'Microsoft 365 Business Standard, July 2026', 3, 13, 1060, 13780),
  (87, 29, 3, 'Azure plan consumption July 2026', 30, 1, 24624, 24624),
  (88, 30, 1, 'Microsoft 365 Business Premium, August 2026', 5, 11, 1870, 20570),
  (89, 30, 2, 'Exchange Online (Plan 1), August 2026', 12, 16, 340, 5440),
  (90, 31, 1, 'Google Workspace Business Standard, September 2026', 36, 14, 1240, 17360),
  (91, 31, 2, 'Acronis Cyber Protect Cloud Standard (workstation), September 2026', 42, 19, 350, 6650),
  (92, 31, 3, 'Microsoft 365 E3, September 2026', 7, 24, 3270, 78480),
  (93, 32, 1, 'Microsoft 365 Business Standard, October 2026', 3, 17, 1060, 18020),
  (94, 32, 2, 'Microsoft Defender for Business, October 2026', 24, 22, 250, 5500),
  (95, 32, 3, 'Bitdefender GravityZone Business Security, October 2026', 55, 27, 2950, 79650),
  (96, 32, 4, 'Zoom Workplace Pro, October 2026', 58, 32, 1190, 38080),
  (97, 33, 1, 'Microsoft 365 Business Premium, July 2026', 5, 15, 1870, 28050),
  (98, 33, 2, 'Exchange Online (Plan 1), July 2026', 12, 20, 340, 6800),
  (99, 34, 1, 'Google Workspace Business Standard, August 2026', 36, 18, 1240, 22320),
  (100, 34, 2, 'Acronis Cyber Protect Cloud Standard (workstation), August 2026', 42, 23, 350, 8050),
  (101, 34, 3, 'Microsoft 365 E3, August 2026', 7, 28, 3270, 91560),
  (102, 35, 1, 'Microsoft 365 Business Standard, September 2026', 3, 21, 1060, 22260),
  (103, 35, 2, 'Microsoft Defender for Business, September 2026', 24, 26, 250, 6500),
  (104, 35, 3, 'Bitdefender GravityZone Business Security, September 2026', 55, 31, 2950, 91450),
  (105, 35, 4, 'Zoom Workplace Pro, September 2026', 58, 36, 1190, 42840),
  (106, 36, 1, 'Microsoft 365 Business Basic, October 2026', 1, 24, 510, 12240),
  (107, 36, 2, 'Microsoft 365 Business Standard, October 2026', 3, 29, 1060, 30740),
  (108, 36, 3, 'Azure plan consumption October 2026', 30, 1, 25646, 25646),
  (109, 37, 1, 'Google Workspace Business Standard, July 2026', 36, 22, 1240, 27280),
  (110, 37, 2, 'Acronis Cyber Protect Cloud Standard (workstation), July 2026', 42, 27, 350, 9450),
  (111, 37, 3, 'Microsoft 365 E3, July 2026', 7, 32, 3270, 104640),
  (112, 38, 1, 'Microsoft 365 Business Standard, August 2026', 3, 25, 1060, 26500),
  (113, 38, 2, 'Microsoft Defender for Business, August 2026', 24, 30, 250, 7500),
  (114, 38, 3, 'Bitdefender GravityZone Business Security, August 2026', 55, 35, 2950, 103250),
  (115, 38, 4, 'Zoom Workplace Pro, August 2026', 58, 40, 1190, 47600),
  (116, 39, 1, 'Microsoft 365 Business Basic, September 2026', 1, 28, 510, 14280),
  (117, 39, 2, 'Microsoft 365 Business Standard, September 2026', 3, 33, 1060, 34980),
  (118, 39, 3, 'Azure plan consumption September 2026', 30, 1, 26280, 26280),
  (119, 40, 1, 'Microsoft 365 Business Premium, October 2026', 5, 31, 1870, 57970),
  (120, 40, 2, 'Exchange Online (Plan 1), October 2026', 12, 36, 340, 12240),
  (121, 41, 1, 'Microsoft 365 Business Standard, July 2026', 3, 29, 1060, 30740),
  (122, 41, 2, 'Microsoft Defender for Business, July 2026', 24, 34, 250, 8500),
  (123, 41, 3, 'Bitdefender GravityZone Business Security, July 2026', 55, 39, 2950, 115050),
  (124, 41, 4, 'Zoom Workplace Pro, July 2026', 58, 4, 1190, 4760),
  (125, 42, 1, 'Microsoft 365 Business Basic, August 2026', 1, 32, 510, 16320),
  (126, 42, 2, 'Microsoft 365 Business Standard, August 2026', 3, 37, 1060, 39220),
  (127, 42, 3, 'Azure plan consumption August 2026', 30, 1, 26914, 26914),
  (128, 43, 1, 'Microsoft 365 Business Premium, September 2026', 5, 35, 1870, 65450),
  (129, 43, 2, 'Exchange Online (Plan 1), September 2026', 12, 40, 340, 13600),
  (130, 44, 1, 'Google Workspace Business Standard, October 2026', 36, 38, 1240, 47120),
  (131, 44, 2, 'Acronis Cyber Protect Cloud Standard (workstation), October 2026', 42, 3, 350, 1050),
  (132, 44, 3, 'Microsoft 365 E3, October 2026', 7, 8, 3270, 26160),
  (133, 45, 1, 'Microsoft 365 Business Basic, July 2026', 1, 36, 510, 18360),
  (134, 45, 2, 'Microsoft 365 Business Standard, July 2026', 3, 41, 1060, 43460),
  (135, 45, 3, 'Azure plan consumption July 2026', 30, 1, 27548, 27548),
  (136, 46, 1, 'Microsoft 365 Business Premium, August 2026', 5, 39, 1870, 72930),
  (137, 46, 2, 'Exchange Online (Plan 1), August 2026', 12, 4, 340, 1360),
  (138, 47, 1, 'Google Workspace Business Standard, September 2026', 36, 42, 1240, 52080),
  (139, 47, 2, 'Acronis Cyber Protect Cloud Standard (workstation), September 2026', 42, 7, 350, 2450),
  (140, 47, 3, 'Microsoft 365 E3, September 2026', 7, 12, 3270, 39240),
  (141, 48, 1, 'Microsoft 365 Business Standard, October 2026', 3, 5, 1060, 5300),
  (142, 48, 2, 'Microsoft Defender for Business, October 2026', 24, 10, 250, 2500),
  (143, 48, 3, 'Bitdefender GravityZone Business Security, October 2026', 55, 15, 2950, 44250),
  (144, 48, 4, 'Zoom Workplace Pro, October 2026', 58, 20, 1190, 23800),
  (145, 49, 1, 'Microsoft 365 Business Premium, July 2026', 5, 3, 1870, 5610),
  (146, 49, 2, 'Exchange Online (Plan 1), July 2026', 12, 8, 340, 2720),
  (147, 50, 1, 'Google Workspace Business Standard, August 2026', 36, 6, 1240, 7440),
  (148, 50, 2, 'Acronis Cyber Protect Cloud Standard (workstation), August 2026', 42, 11, 350, 3850),
  (149, 50, 3, 'Microsoft 365 E3, August 2026', 7, 16, 3270, 52320),
  (150, 51, 1, 'Microsoft 365 Business Standard, September 2026', 3, 9, 1060, 9540),
  (151, 51, 2, 'Microsoft Defender for Business, September 2026', 24, 14, 250, 3500),
  (152, 51, 3, 'Bitdefender GravityZone Business Security, September 2026', 55, 19, 2950, 56050),
  (153, 51, 4, 'Zoom Workplace Pro, September 2026', 58, 24, 1190, 28560),
  (154, 52, 1, 'Microsoft 365 Business Basic, October 2026', 1, 12, 510, 6120),
  (155, 52, 2, 'Microsoft 365 Business Standard, October 2026', 3, 17, 1060, 18020),
  (156, 52, 3, 'Azure plan consumption October 2026', 30, 1, 28570, 28570),
  (157, 53, 1, 'Google Workspace Business Standard, July 2026', 36, 10, 1240, 12400),
  (158, 53, 2, 'Acronis Cyber Protect Cloud Standard (workstation), July 2026', 42, 15, 350, 5250),
  (159, 53, 3, 'Microsoft 365 E3, July 2026', 7, 20, 3270, 65400),
  (160, 54, 1, 'Microsoft 365 Business Standard, August 2026', 3, 13, 1060, 13780),
  (161, 54, 2, 'Microsoft Defender for Business, August 2026', 24, 18, 250, 4500),
  (162, 54, 3, 'Bitdefender GravityZone Business Security, August 2026', 55, 23, 2950, 67850),
  (163, 54, 4, 'Zoom Workplace Pro, August 2026', 58, 28, 1190, 33320),
  (164, 55, 1, 'Microsoft 365 Business Basic, September 2026', 1, 16, 510, 8160),
  (165, 55, 2, 'Microsoft 365 Business Standard, September 2026', 3, 21, 1060, 22260),
  (166, 55, 3, 'Azure plan consumption September 2026', 30, 1, 29204, 29204),
  (167, 56, 1, 'Microsoft 365 Business Premium, October 2026', 5, 19, 1870, 35530),
  (168, 56, 2, 'Exchange Online (Plan 1), October 2026', 12, 24, 340, 8160),
  (169, 57, 1, 'Microsoft 365 Business Standard, July 2026', 3, 17, 1060, 18020),
  (170, 57, 2, 'Microsoft Defender for Business, July 2026', 24, 22, 250, 5500),
  (171, 57, 3, 'Bitdefender GravityZone Business Security, July 2026', 55, 27, 2950, 79650),
  (172, 57, 4, 'Zoom Workplace Pro, July 2026', 58, 32, 1190, 38080),
  (173, 58, 1, 'Microsoft 365 Business Basic, August 2026', 1, 20, 510, 10200),
  (174, 58, 2, 'Microsoft 365 Business Standard, August 2026', 3, 25, 1060, 26500),
  (175, 58, 3, 'Azure plan consumption August 2026', 30, 1, 29838, 29838),
  (176, 59, 1, 'Microsoft 365 Business Premium, September 2026', 5, 23, 1870, 43010),
  (177, 59, 2, 'Exchange Online (Plan 1), September 2026', 12, 28, 340, 9520),
  (178, 60, 1, 'Google Workspace Business Standard, October 2026', 36, 26, 1240, 32240),
  (179, 60, 2, 'Acronis Cyber Protect Cloud Standard (workstation), October 2026', 42, 31, 350, 10850),
  (180, 60, 3, 'Microsoft 365 E3, October 2026', 7, 36, 3270, 117720),
  (181, 61, 1, 'Microsoft 365 Business Basic, July 2026', 1, 24, 510, 12240),
  (182, 61, 2, 'Microsoft 365 Business Standard, July 2026', 3, 29, 1060, 30740),
  (183, 61, 3, 'Azure plan consumption July 2026', 30, 1, 30472, 30472),
  (184, 62, 1, 'Microsoft 365 Business Premium, August 2026', 5, 27, 1870, 50490),
  (185, 62, 2, 'Exchange Online (Plan 1), August 2026', 12, 32, 340, 10880),
  (186, 63, 1, 'Google Workspace Business Standard, September 2026', 36, 30, 1240, 37200),
  (187, 63, 2, 'Acronis Cyber Protect Cloud Standard (workstation), September 2026', 42, 35, 350, 12250),
  (188, 63, 3, 'Microsoft 365 E3, September 2026', 7, 40, 3270, 130800),
  (189, 64, 1, 'Microsoft 365 Business Standard, October 2026', 3, 33, 1060, 34980),
  (190, 64, 2, 'Microsoft Defender for Business, October 2026', 24, 38, 250, 9500),
  (191, 64, 3, 'Bitdefender GravityZone Business Security, October 2026', 55, 3, 2950, 8850),
  (192, 64, 4, 'Zoom Workplace Pro, October 2026', 58, 8, 1190, 9520),
  (193, 65, 1, 'Microsoft 365 Business Premium, July 2026', 5, 31, 1870, 57970),
  (194, 65, 2, 'Exchange Online (Plan 1), July 2026', 12, 36, 340, 12240),
  (195, 66, 1, 'Google Workspace Business Standard, August 2026', 36, 34, 1240, 42160),
  (196, 66, 2, 'Acronis Cyber Protect Cloud Standard (workstation), August 2026', 42, 39, 350, 13650),
  (197, 66, 3, 'Microsoft 365 E3, August 2026', 7, 4, 3270, 13080),
  (198, 67, 1, 'Microsoft 365 Business Standard, September 2026', 3, 37, 1060, 39220),
  (199, 67, 2, 'Microsoft Defender for Business, September 2026', 24, 42, 250, 10500),
  (200, 67, 3, 'Bitdefender GravityZone Business Security, September 2026', 55, 7, 2950, 20650),
  (201, 67, 4, 'Zoom Workplace Pro, September 2026', 58, 12, 1190, 14280),
  (202, 68, 1, 'Microsoft 365 Business Basic, October 2026', 1, 40, 510, 20400),
  (203, 68, 2, 'Microsoft 365 Business Standard, October 2026', 3, 5, 1060, 5300),
  (204, 68, 3, 'Azure plan consumption October 2026', 30, 1, 31494, 31494);

UPDATE invoices i
  JOIN (SELECT invoice_id, SUM(amount) AS total FROM invoice_lines GROUP BY invoice_id) t ON t.invoice_id = i.id
   SET i.total = t.total;

-- Payments: every paid invoice in full, a partial payment on an open one and an
-- unapplied payment on account.
CREATE TEMPORARY TABLE seed_payments (invoice_id BIGINT UNSIGNED, paid_on DATE);
INSERT INTO seed_payments (invoice_id, paid_on) VALUES
  (1, '2026-08-22'),
  (2, '2026-09-23'),
  (5, '2026-08-25'),
  (6, '2026-09-11'),
  (7, '2026-10-12'),
  (9, '2026-08-13'),
  (10, '2026-09-14'),
  (13, '2026-08-16'),
  (14, '2026-09-17'),
  (15, '2026-10-18'),
  (17, '2026-08-19'),
  (18, '2026-09-20'),
  (19, '2026-10-21'),
  (21, '2026-08-22'),
  (22, '2026-09-23'),
  (23, '2026-10-24'),
  (25, '2026-08-25'),
  (26, '2026-09-11'),
  (27, '2026-10-12'),
  (29, '2026-08-13'),
  (30, '2026-09-14'),
  (33, '2026-08-16'),
  (34, '2026-09-17'),
  (35, '2026-10-18'),
  (37, '2026-08-19'),
  (38, '2026-09-20'),
  (39, '2026-10-21'),
  (41, '2026-08-22'),
  (42, '2026-09-23'),
  (43, '2026-10-24'),
  (45, '2026-08-25'),
  (47, '2026-10-12'),
  (49, '2026-08-13'),
  (50, '2026-09-14'),
  (51, '2026-10-15'),
  (53, '2026-08-16'),
  (57, '2026-08-19'),
  (58, '2026-09-20'),
  (59, '2026-10-21'),
  (61, '2026-08-22'),
  (62, '2026-09-23');

INSERT INTO payments (reseller_id, invoice_id, amount, currency, paid_on, method, reference)
SELECT i.reseller_id, i.id, i.total, i.currency, s.paid_on,
       CASE MOD(i.reseller_id, 3) WHEN 0 THEN 'direct_debit' WHEN 1 THEN 'bank_transfer' ELSE 'card' END,
       CONCAT('PAY-', i.number)
  FROM seed_payments s JOIN invoices i ON i.id = s.invoice_id
 ORDER BY s.paid_on, i.id;

DROP TEMPORARY TABLE seed_payments;

INSERT INTO payments (reseller_id, invoice_id, amount, currency, paid_on, method, reference)
SELECT i.reseller_id, i.id, 10000, i.currency, DATE '2026-11-20', 'bank_transfer', 'Partial payment, rest by end of month'
  FROM invoices i WHERE i.reseller_id = 1 AND i.issued_on = DATE '2026-10-01';

INSERT INTO payments (reseller_id, invoice_id, amount, currency, paid_on, method, reference)
VALUES (3, NULL, 25000, 'EUR', DATE '2026-11-18', 'bank_transfer', 'Payment on account');

-- Contact form messages (read_at NULL = unread).
INSERT INTO contact_messages (reseller_id, customer_id, name, email, subject, body, client_ip, created_at, read_at) VALUES
  (1, 1, 'Dana Buyer', 'buyer@demo.example', 'Adding five more Business Standard licences', 'Hi, we are hiring five people in December. Can we add the licences mid-term and will they co-term with our annual renewal?', '192.0.2.10', '2026-11-24 16:25:00', NULL),
  (1, NULL, 'Laura Fischer', 'laura.fischer@mailbox.example', 'Quote for 40 users', 'We are a law firm with 40 staff moving off an old Exchange 2013 server. Could you send a quote for Business Premium including migration?', '198.51.100.23', '2026-11-23 09:12:00', NULL),
  (1, 9, 'Art Vandelay', 'art@vandelay.example', 'Order approval', 'I placed an order for Slack licences yesterday, it says pending approval. Who approves it?', '203.0.113.45', '2026-11-24 08:00:00', NULL),
  (1, NULL, 'Tomasz Nowak', 'tomasz@nowak-bouw.example', 'Google Workspace or Microsoft 365?', 'We are a construction company with 15 people, mostly on phones. Which suite do you recommend?', '198.51.100.77', '2026-11-18 14:40:00', '2026-11-18 15:02:00'),
  (1, 4, 'Claire Martin', 'admin@umbrella-dental.example', 'Invoice copy', 'Could you send a copy of the October invoice with our VAT number on it?', '203.0.113.9', '2026-11-05 10:00:00', '2026-11-05 11:30:00'),
  (1, NULL, 'Spam Bot', 'winner@lottery.example', 'You have won', 'Congratulations, click here to claim your prize.', '192.0.2.200', '2026-11-01 03:33:00', '2026-11-01 08:00:00'),
  (1, 13, 'Richard Hendricks', 'ops@piedpiper.example', 'Azure plan', 'Do you support reserved instances on the Azure plan?', '203.0.113.120', '2026-10-21 19:30:00', '2026-10-22 09:00:00'),
  (2, NULL, 'James Carter', 'james@carter-bakes.example', 'Prices', 'Are your prices per user per month including VAT?', '198.51.100.5', '2026-11-21 12:00:00', NULL),
  (7, 46, 'Noah Janssens', 'security@antwerp-diamonds.example', 'Security assessment follow-up', 'When can we schedule the remediation workshop?', '203.0.113.66', '2026-11-22 13:05:00', NULL),
  (4, NULL, 'Ciara Byrne', 'ciara@byrne-studio.example', 'Zoom Rooms', 'Do you also sell the hardware for Zoom Rooms?', '198.51.100.90', '2026-11-10 10:10:00', '2026-11-11 09:00:00');

-- Marketplace API credentials (secret demo-api-secret-1). 2 is revoked.
INSERT INTO api_clients (id, reseller_id, client_id, secret_hash, name, created_by_operator_id, created_at, last_used_at, revoked_at) VALUES
  (1, 1, 'demo-backoffice', '$y$j9T$N0rthw1ndDem0Ap1Secr30$KR0J/QnFPsb9ASgiWnCzbWR.KdALStKvWhJhMU1S.JD', 'Back-office ERP sync', 2, '2025-03-01 10:00:00', NULL, NULL),
  (2, 1, 'demo-old-erp', '$y$j9T$N0rthw1ndDem0Ap1Secr30$KR0J/QnFPsb9ASgiWnCzbWR.KdALStKvWhJhMU1S.JD', 'Old ERP connector', 2, '2025-02-11 10:00:00', '2025-02-28 18:00:00', '2025-03-01 10:05:00');

-- Outbox: the provision row queued when SO-000018 was placed (approved at
-- once: the customer needs no approval), not yet taken by `shelf worker`.
-- (E-mails are queued by what the demo does and delivered by `shelf worker`.)
INSERT INTO outbox (kind, reseller_id, payload, status, attempts, created_at, sent_at, last_error) VALUES
  ('provision', 1, '{"order_id": 18}', 'pending', 0, '2026-11-25 08:30:00', NULL, NULL);

-- Licence keys (sql/005) of the keys products, as the distributor imported
-- them: 25 free keys a product, but Microsoft 365 Business Premium (4) and
-- E3 (8), whose stock ran low.  Realistic-looking: five groups of five.
INSERT INTO licence_keys (product_id, licence_key, imported_at)
SELECT product_id,
       UPPER(CONCAT_WS('-', SUBSTR(x, 1, 5), SUBSTR(x, 6, 5), SUBSTR(x, 11, 5), SUBSTR(x, 16, 5), SUBSTR(x, 21, 5))),
       '2026-11-02 10:00:00'
  FROM (SELECT p.id AS product_id, s.seq, MD5(CONCAT('demo-key-', p.id, '-', s.seq)) AS x
          FROM products p JOIN seq_1_to_25 s ON s.seq <= CASE p.id WHEN 5 THEN 4 WHEN 7 THEN 8 ELSE 25 END
         WHERE p.connector = 'keys') k
 ORDER BY product_id, seq;

-- The orders being provisioned (SO-000019 of Demo Cloud Shop, SO-000003 of
-- Keystone) wait: the worker took their keys tasks when they were placed
-- and found too few keys (`shelf keys import` queues them again); a
-- manual line would wait for an operator of the distributor.
INSERT INTO fulfilments (reseller_id, customer_id, action, connector, product_id, order_line_id, quantity, status,
  attempts, next_attempt_at, error, created_at)
SELECT o.reseller_id, o.customer_id, 'provision', p.connector, ol.product_id, ol.id, ol.quantity, 'waiting',
       IF(p.connector = 'manual', 0, 1), o.created_at + INTERVAL 1 MINUTE,
       IF(p.connector = 'keys',
          CONCAT('No licence keys in stock for SKU ', p.sku, ' (', ol.quantity, ' needed, ',
                 (SELECT COUNT(*) FROM licence_keys k WHERE k.product_id = p.id AND k.order_line_id IS NULL), ' free).'),
          NULL),
       o.created_at + INTERVAL 1 MINUTE
  FROM orders o JOIN order_lines ol ON ol.order_id = o.id JOIN products p ON p.id = ol.product_id
 WHERE o.status = 'provisioning'
 ORDER BY o.id, ol.line_no;

UPDATE outbox SET next_attempt_at = '2026-11-25 09:30:00' WHERE status = 'pending';

-- A few audit rows.
INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, reseller_id, action, entity, entity_id, before_json, after_json) VALUES
  ('2025-02-03 10:12:33.250000', 'operator', 1, 'admin', 1, 'reseller.edition_change', 'reseller', 1, '{"edition": "basic"}', '{"edition": "standard"}'),
  ('2026-10-15 17:05:42.000000', 'operator', 1, 'admin', 15, 'reseller.edition_change', 'reseller', 15, '{"edition": "standard"}', '{"edition": "basic"}'),
  ('2026-10-01 12:00:00.000000', 'operator', 2, 'demo-admin', 1, 'listing.markup_bulk', 'listing', NULL, '{"count": 12, "markup_bp": 1250}', '{"count": 12, "markup_bp": 1500}'),
  ('2026-09-15 12:00:00.000000', 'operator', 2, 'demo-admin', 1, 'listing.unlist', 'listing', 19, '{"listed": 1, "markup_bp": 2000}', '{"listed": 0, "markup_bp": 2000}'),
  ('2026-10-30 14:00:00.000000', 'operator', 2, 'demo-admin', 1, 'order.reject', 'order', 21, '{"status": "pending_approval"}', '{"status": "rejected", "reject_reason": "Not in this year''s budget, please resubmit in January."}'),
  ('2026-11-24 10:02:31.512000', 'storefront_user', 5, 'purchasing@globex.example', 1, 'order.place', 'order', 16, NULL, '{"status": "pending_approval", "number": "SO-000016"}'),
  ('2026-11-20 09:00:00.000000', 'operator', 2, 'demo-admin', 1, 'storefront.settings', 'storefront', 1, '{"skin": "default"}', '{"skin": "ocean"}'),
  ('2026-11-25 06:00:00.000000', 'api', 1, 'demo-backoffice', 1, 'api.read', 'invoice', NULL, NULL, NULL),
  ('2026-11-22 11:00:00.000000', 'operator', 2, 'demo-admin', 1, 'customer.update', 'customer', 2, '{"approval_required": 0}', '{"approval_required": 1}');

-- updated_at follows created_at (the defaults would stamp the load time).
UPDATE resellers SET updated_at = created_at;
UPDATE storefronts SET updated_at = created_at;
UPDATE products SET updated_at = created_at;
UPDATE customers SET updated_at = created_at;
UPDATE orders SET updated_at = created_at;
UPDATE subscriptions SET updated_at = created_at;
UPDATE m365_users SET updated_at = created_at;

-- Orders that moved on after placing were last touched when decided.
UPDATE orders SET updated_at = decided_at WHERE decided_at IS NOT NULL;

-- The distributor's featured products, with the markup it recommends: a
-- reseller upgraded to Standard starts with these listed (core/reseller.h).
UPDATE products SET featured = 1, recommended_markup_bp = CASE id
    WHEN 1 THEN 1500 WHEN 3 THEN 1500 WHEN 5 THEN 1500 WHEN 15 THEN 2000 WHEN 24 THEN 2000
    WHEN 34 THEN 1500 WHEN 36 THEN 1500 WHEN 42 THEN 2500 WHEN 44 THEN 2500 WHEN 47 THEN 2000 END
 WHERE distributor_id = 1 AND id IN (1, 3, 5, 15, 24, 34, 36, 42, 44, 47);

-- Read-only staff of the demo reseller: sees what its admins see, changes nothing.
INSERT INTO operators (id, login, display_name, email, role, distributor_id, reseller_id, active, created_at) VALUES
  (8, 'demo-staff', 'Noor Jansen', 'noor@democloudshop.example', 'reseller_staff', 1, 1, 1, '2024-05-06 09:30:00');
