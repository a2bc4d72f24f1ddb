-- Hardening (issue 18): the dashboard's "paid today" sums one day's payments; without this index it
-- scanned all 900,000 payments of the estate after every ledger change (about 100 ms).
CREATE INDEX payments_paid_on ON payments(paid_on);
