package com.duesline.scripts;

import java.util.List;

/**
 * Something the bot says: an id (stable across edits, recorded on every turn), one or more A/B
 * variants, whether the caller may talk over it (disclosures may not), and the sentence spoken
 * instead when a variable it needs has no value.
 */
public record Prompt(
    String id, List<Variant> variants, boolean interruptible, String fallback, int line) {
  public Prompt {
    variants = List.copyOf(variants);
  }

  /** Every wording, for checks that must hold whichever variant is chosen. */
  public List<String> texts() {
    return variants.stream().map(Variant::text).toList();
  }
}
