package com.duesline.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.call.CallEvent.Partial;
import com.duesline.call.CallEvent.SpeechStarted;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallRecorderTest {
  private final StageHarness h = new StageHarness();
  private final List<String> told = new ArrayList<>();

  CallRecorderTest() {
    h.stages(new CallRecorder(new SimpleMeterRegistry(), t -> {}, told::add, () -> "n", "fault"));
  }

  @Test
  void watchersAreToldTheOpenWordsWhenTheyChangeAndAgainInTheNextUtterance() {
    h.emit(at -> new SpeechStarted(0, at));
    h.emit(at -> new Partial("zero one", "zero one", at));
    // Only the digits grammar's words moved: nothing new to show.
    h.emit(at -> new Partial("zero one", "zero one zero", at));
    h.emit(at -> new Partial("zero one zero", "zero one zero", at));
    h.emit(at -> new SpeechStarted(2, at));
    h.emit(at -> new Partial("zero one zero", at));
    assertThat(told).containsExactly("zero one", "zero one zero", "zero one zero");
  }
}
