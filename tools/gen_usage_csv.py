#!/usr/bin/env python3
"""gen_usage_csv.py - a Microsoft Partner Center daily rated usage file
(new commerce reconciliation, the columns `shelf usage import` reads and
the others Partner Center writes) for load tests and demos.

  tools/gen_usage_csv.py --rows 100000 --plan REF:CUR [--plan REF:CUR ...]
                         [--end YYYY-MM-DD] [--days N] [--out FILE]

Each --plan is an Azure plan's vendor reference (subscriptions.external_ref,
the file's SubscriptionId) and its reseller's currency.  Rows are spread
over the plans, the N days up to --end (default: yesterday, UTC) and a
table of real meters; every row has its own resource, so every row is a
distinct natural key and a second import of the file adds nothing.
Nothing is random: the same arguments write the same file.  Amounts are
decimal text with up to 8 decimals, as Partner Center writes them.
"""
import argparse
import csv
import datetime
import sys
import uuid

HEADER = ["PartnerId", "PartnerName", "CustomerId", "CustomerName", "CustomerDomainName", "CustomerCountry",
          "MpnId", "Tier2MpnId", "InvoiceNumber", "ProductId", "SkuId", "AvailabilityId", "SkuName",
          "ProductName", "PublisherName", "PublisherId", "SubscriptionDescription", "SubscriptionId",
          "ChargeStartDate", "ChargeEndDate", "UsageDate", "MeterType", "MeterCategory", "MeterId",
          "MeterSubCategory", "MeterName", "MeterRegion", "Unit", "ResourceLocation", "ConsumedService",
          "ResourceGroup", "ResourceURI", "ChargeType", "UnitPrice", "Quantity", "UnitType",
          "BillingPreTaxTotal", "BillingCurrency", "PricingPreTaxTotal", "PricingCurrency", "ServiceInfo1",
          "ServiceInfo2", "Tags", "AdditionalInfo", "EffectiveUnitPrice", "PCToBCExchangeRate",
          "PCToBCExchangeRateDate", "EntitlementId", "EntitlementDescription", "PartnerEarnedCreditPercentage",
          "CreditPercentage", "CreditType", "BenefitOrderId", "BenefitId", "BenefitType"]

# category, subcategory, name, region, unit, unit price (x 1e8), quantity base (x 1e6), provider path
METERS = [
    ("Virtual Machines", "Dv5/DSv5 Series", "D2s v5", "EU West", "1 Hour", 8640000, 24000000,
     "Microsoft.Compute/virtualMachines/vm"),
    ("Virtual Machines", "BS Series", "B2ms", "EU West", "1 Hour", 10470000, 24000000,
     "Microsoft.Compute/virtualMachines/vm"),
    ("Storage", "Standard SSD Managed Disks", "E10 LRS Disk", "EU West", "1/Month", 844000000, 32258,
     "Microsoft.Compute/disks/disk"),
    ("Storage", "Tiered Block Blob", "Hot LRS Data Stored", "EU West", "1 GB/Month", 1980000, 12500000,
     "Microsoft.Storage/storageAccounts/st"),
    ("Storage", "Tiered Block Blob", "Hot Read Operations", "EU West", "10K", 440000, 35000000,
     "Microsoft.Storage/storageAccounts/st"),
    ("Bandwidth", "Rtn Preference: MGN", "Standard Data Transfer Out", "Zone 1", "1 GB", 8050000, 3200000,
     "Microsoft.Network/publicIPAddresses/pip"),
    ("SQL Database", "General Purpose - Compute Gen5", "vCore", "EU West", "1 Hour", 48400000, 24000000,
     "Microsoft.Sql/servers/sql"),
    ("Azure Monitor", "Log Analytics", "Analytics Logs Data Ingestion", "EU West", "1 GB", 276000000, 800000,
     "Microsoft.OperationalInsights/workspaces/log"),
    ("Azure App Service", "Premium v3 Plan", "P1 v3 App", "EU North", "1 Hour", 13300000, 24000000,
     "Microsoft.Web/serverfarms/plan"),
    ("Key Vault", "", "Operations", "EU West", "10K", 300000, 1500000,
     "Microsoft.KeyVault/vaults/kv"),
]


def dec(v, places):
    """v / 10^places as decimal text, trailing zeros cut (no floating point)."""
    s = str(v).rjust(places + 1, "0")
    i, f = s[:-places], s[-places:].rstrip("0")
    return i + ("." + f if f else "")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100000)
    ap.add_argument("--plan", action="append", required=True, help="REF:CURRENCY")
    ap.add_argument("--end", help="last usage day (default: yesterday, UTC)")
    ap.add_argument("--days", type=int, default=28)
    ap.add_argument("--out", default="-")
    a = ap.parse_args()
    plans = [p.rsplit(":", 1) for p in a.plan]
    end = (datetime.date.fromisoformat(a.end) if a.end
           else datetime.datetime.now(datetime.timezone.utc).date() - datetime.timedelta(days=1))
    out = sys.stdout if a.out == "-" else open(a.out, "w", newline="", encoding="utf-8")
    if out is not sys.stdout:
        out.write("\ufeff")	# Partner Center's files start with a BOM
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(HEADER)
    ns = uuid.UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")
    for i in range(a.rows):
        ref, cur = plans[i % len(plans)]
        k = i // len(plans)
        day = end - datetime.timedelta(days=k % a.days)
        res = k // a.days	# the resource: each (day, resource) once per plan
        cat, sub, name, region, unit, up, qbase, path = METERS[res % len(METERS)]
        ent = str(uuid.uuid5(ns, ref + "/azure"))
        cust = str(uuid.uuid5(ns, ref + "/customer"))
        meter_id = str(uuid.uuid5(ns, cat + sub + name))
        rg = "rg-app-%d" % (res % 37)
        uri = "/subscriptions/%s/resourceGroups/%s/providers/%s-%d" % (ent, rg, path, res)
        qty = qbase + (res * 7919 + k) % 1000 * 1000	# x 1e6
        total = up * qty // 1000000	# x 1e8, truncated like a rated file
        w.writerow(["00000000-0000-0000-0000-000000000001", "Northwind Cloud Distribution", cust,
                    "Customer of " + ref[:8], "customer.onmicrosoft.com", "NL", "1234567", "", "G%09d" % 1,
                    "DZH318Z0BCRG", "0001", "DZH318Z0BCRG-0001", "Azure plan", "Azure plan", "Microsoft",
                    "", "Azure plan", ref, day.replace(day=1).isoformat() + "T00:00:00",
                    day.isoformat() + "T00:00:00", day.isoformat() + "T00:00:00", "1 Hour" if "Hour" in unit else unit,
                    cat, meter_id, sub, name, region, unit, "westeurope", path.split("/")[0], rg, uri,
                    "new", dec(up, 8), dec(qty, 6), "Usage", dec(total, 8), cur, dec(total, 8), "USD", "", "",
                    '{"env": "prod", "owner": "ops, eu"}', '{"ImageType":null,"ServiceType":"Standard_D2s_v5"}',
                    dec(up, 8), "1", day.isoformat(), ent, "Azure subscription 1", "0", "0", "", "", "", ""])
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
