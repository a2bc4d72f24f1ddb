package com.duesline.letters;

import com.duesline.campaign.ContactChannel;
import com.duesline.campaign.ContactRequest;
import com.duesline.campaign.ContactResult;
import com.duesline.campaign.RungChannel;
import java.util.concurrent.CompletionStage;

/**
 * Sends letter rungs to the letter channel and everything else (calls, SMS) to the voice channel,
 * so a letter task is never dialed.
 */
public final class ChannelRouter implements ContactChannel {
  private final ContactChannel letters;
  private final ContactChannel voice;

  public ChannelRouter(ContactChannel letters, ContactChannel voice) {
    this.letters = letters;
    this.voice = voice;
  }

  @Override
  public CompletionStage<ContactResult> contact(ContactRequest request) {
    return request.channel() == RungChannel.LETTER
        ? letters.contact(request)
        : voice.contact(request);
  }
}
