package com.duesline.ledger;

/** How a report command prints: aligned text for people, CSV or JSON for machines. */
public enum OutputFormat {
  table,
  csv,
  json
}
