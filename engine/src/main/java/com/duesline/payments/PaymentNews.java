package com.duesline.payments;

import com.duesline.live.LiveBoard;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Tells the rest of the engine that money arrived: the supervisor's board gets a {@code payment}
 * event on its stream, and {@link #ADDRESS} carries {@code {unit, unit_id, amount, provider,
 * payment}} for whoever acts on it, such as a live call on that account acknowledging it.
 */
public final class PaymentNews {
  /** Event-bus address of applied payments. */
  public static final String ADDRESS = "duesline.payments";

  private final Vertx vertx;

  public PaymentNews(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Publishes a payment just applied (a replay publishes nothing). */
  public void paid(PaymentApplier.Applied a) {
    if (a.replay()) return;
    JsonObject data =
        new JsonObject()
            .put("unit", a.unit())
            .put("unit_id", a.unitId())
            .put("amount", a.amount().toPlainString())
            .put("provider", a.provider())
            .put("payment", a.paymentId())
            .put("cancelled_tasks", a.cancelledTasks())
            .put("kept_promises", a.keptPromises().size())
            .put("at", System.currentTimeMillis());
    vertx.eventBus().publish(ADDRESS, data);
    vertx
        .eventBus()
        .publish(LiveBoard.ADDRESS, new JsonObject().put("type", "payment").put("data", data));
  }
}
