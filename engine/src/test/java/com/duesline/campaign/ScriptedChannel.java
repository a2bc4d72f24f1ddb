package com.duesline.campaign;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An in-process {@link ContactChannel} for the integration test, and only there: it stands in for
 * the carrier adapter and the voice runtime as the source of outcomes and faults. Each unit gets
 * its scripted outcomes in order (no answer when the script runs out); a scripted carrier error
 * fails the stage as a 5xx would. With {@code hold}, contacts stay open until the test ends them.
 */
final class ScriptedChannel implements ContactChannel {
  final Map<String, Deque<ContactResult>> scripts = new HashMap<>();
  final List<ContactRequest> requests = new ArrayList<>();
  final List<CompletableFuture<ContactResult>> open = new ArrayList<>();
  final Map<CompletableFuture<ContactResult>, ContactResult> pending = new HashMap<>();
  boolean hold;

  void script(String unit, ContactResult... results) {
    scripts.computeIfAbsent(unit, k -> new ArrayDeque<>()).addAll(List.of(results));
  }

  @Override
  public synchronized CompletionStage<ContactResult> contact(ContactRequest request) {
    requests.add(request);
    Deque<ContactResult> q = scripts.get(request.unit());
    ContactResult r = q == null || q.isEmpty() ? ContactResult.of(Outcome.NO_ANSWER) : q.poll();
    CompletableFuture<ContactResult> f = new CompletableFuture<>();
    if (hold) {
      open.add(f);
      pending.put(f, r);
      return f;
    }
    complete(f, r);
    return f;
  }

  /** Ends every held contact with its scripted outcome. */
  synchronized void release() {
    for (CompletableFuture<ContactResult> f : open) complete(f, pending.get(f));
    open.clear();
    pending.clear();
  }

  private static void complete(CompletableFuture<ContactResult> f, ContactResult r) {
    if (r.outcome() == Outcome.CARRIER_ERROR)
      f.completeExceptionally(new IllegalStateException("carrier answered 503"));
    else f.complete(r);
  }
}
