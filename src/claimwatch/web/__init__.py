"""The HTML views of the ledger: the web UI (``claimwatch serve``) and the read models it shares
with the self-contained report (``claimwatch report``)."""
