package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Requests without effects render together; one with effects renders alone, and is not starved. */
class EffectsGateTest {
  private final EffectsGate gate = new EffectsGate();

  /** A thread that enters with {@code settings}, then counts {@code entered} down. */
  private Thread request(String settings, CountDownLatch entered, AtomicBoolean inside) {
    Thread t =
        new Thread(
            () -> {
              try {
                gate.enter(settings);
                inside.set(true);
                entered.countDown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    t.start();
    return t;
  }

  @Test
  void theSameSettingsRenderTogether() throws Exception {
    gate.enter("bot|");
    CountDownLatch entered = new CountDownLatch(1);
    request("bot|", entered, new AtomicBoolean());
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aRequestWithEffectsRendersAloneEvenBesideItsOwnSettings() throws Exception {
    gate.enter("bot|Rate(durScale:0.9)");
    CountDownLatch entered = new CountDownLatch(1);
    Thread same = request("bot|Rate(durScale:0.9)", entered, new AtomicBoolean());
    assertThat(entered.await(200, TimeUnit.MILLISECONDS)).isFalse();
    gate.exit();
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    same.join(5000);
  }

  @Test
  void otherSettingsWaitUntilTheRunningOnesFinish() throws Exception {
    gate.enter("bot|");
    gate.enter("bot|");
    CountDownLatch entered = new CountDownLatch(1);
    AtomicBoolean inside = new AtomicBoolean();
    Thread caller = request("bot|F0Scale(f0Scale:1.25)", entered, inside);
    assertThat(entered.await(200, TimeUnit.MILLISECONDS)).isFalse();
    gate.exit();
    assertThat(entered.await(200, TimeUnit.MILLISECONDS)).as("one still running").isFalse();
    gate.exit();
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    caller.join(5000);
    assertThat(inside).isTrue();
  }

  @Test
  void aWaitingRequestIsNotOvertakenByNewOnesOfTheRunningSettings() throws Exception {
    gate.enter("bot|");
    CountDownLatch callerIn = new CountDownLatch(1);
    request("bot|Rate(durScale:0.9)", callerIn, new AtomicBoolean());
    // The caller's request waits before more of the bot's arrive.
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (gate.waiting() == 0 && System.nanoTime() < until) Thread.sleep(5);
    assertThat(gate.waiting()).isEqualTo(1);
    CountDownLatch botIn = new CountDownLatch(1);
    request("bot|", botIn, new AtomicBoolean());
    assertThat(botIn.await(200, TimeUnit.MILLISECONDS)).as("the bot's new request waits").isFalse();
    gate.exit();
    assertThat(callerIn.await(5, TimeUnit.SECONDS)).as("the waiting caller goes first").isTrue();
    assertThat(botIn.await(200, TimeUnit.MILLISECONDS)).isFalse();
    gate.exit();
    assertThat(botIn.await(5, TimeUnit.SECONDS)).isTrue();
  }
}
