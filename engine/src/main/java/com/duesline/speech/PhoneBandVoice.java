package com.duesline.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import marytts.LocalMaryInterface;
import marytts.MaryInterface;
import marytts.datatypes.MaryXML;
import marytts.features.FeatureRegistry;
import marytts.features.TargetFeatureComputer;
import marytts.htsengine.HMMData;
import marytts.htsengine.HMMVoice;
import marytts.htsengine.HTSParameterGeneration;
import marytts.htsengine.HTSUttModel;
import marytts.modules.HTSEngine;
import marytts.modules.ModuleRegistry;
import marytts.modules.TargetFeatureLister;
import marytts.modules.synthesis.Voice;
import marytts.signalproc.effects.EffectsApplier;
import marytts.unitselection.select.Target;
import marytts.util.dom.DomUtils;
import marytts.util.dom.MaryDomUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.traversal.DocumentTraversal;
import org.w3c.dom.traversal.NodeFilter;
import org.w3c.dom.traversal.NodeIterator;

/**
 * A MaryTTS HMM voice rendered straight to the phone's 8 kHz: MaryTTS analyses the text and
 * generates the voice's parameters exactly as for its own audio (sentence by sentence, as its
 * {@code Synthesis} module does), and {@link PhoneBandVocoder} turns them into speech at the rate a
 * call plays. Text that needs more than one voice or a non-verbal sound is not taken.
 */
final class PhoneBandVoice {
  /** MaryTTS' own vocoder output level: samples are divided by this, or by a louder peak. */
  private static final double MAX_AMPLITUDE = 17000.0;

  private final HMMVoice voice;
  private final HMMData data;
  private volatile PhoneBandVocoder vocoder;

  private PhoneBandVoice(HMMVoice voice) {
    this.voice = voice;
    this.data = voice.getHMMData();
  }

  /** The voice named {@code name} at 8 kHz, if it is a MaryTTS HMM voice this can vocode. */
  static Optional<PhoneBandVoice> of(String name) {
    SpeechModels.startMary();
    Voice v = Voice.getVoice(name);
    if (!(v instanceof HMMVoice hmm)) return Optional.empty();
    return PhoneBandVocoder.supports(hmm.getHMMData())
        ? Optional.of(new PhoneBandVoice(hmm))
        : Optional.empty();
  }

  /**
   * {@code text} (plain, or SSML when {@code ssml}) as PCM16 at 8 kHz, or empty when it asks for
   * something only MaryTTS' own path renders (another voice, an effect, a non-verbal sound). The
   * caller holds the {@link EffectsGate} for this voice without effects.
   */
  Optional<short[]> render(String text, boolean ssml) throws Exception {
    // An earlier request with effects leaves them on the voice's shared parameters.
    new EffectsApplier().setHMMEffectParameters(voice, "");
    MaryInterface mary = new LocalMaryInterface();
    mary.setVoice(voice.getName());
    if (ssml) mary.setInputType("SSML");
    mary.setOutputType("ACOUSTPARAMS");
    Document doc = ssml ? mary.generateXML(DomUtils.parseDocument(text)) : mary.generateXML(text);
    List<List<Element>> sections = sentences(doc);
    if (sections == null) return Optional.empty();
    List<short[]> parts = new ArrayList<>();
    int total = 0;
    for (List<Element> section : sections) {
      short[] part = renderSection(section);
      if (part == null) continue;
      parts.add(part);
      total += part.length;
    }
    short[] out = new short[total];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return Optional.of(out);
  }

  /** The tokens and boundaries of each sentence, or null when the document needs MaryTTS' path. */
  private List<List<Element>> sentences(Document doc) {
    NodeIterator it =
        ((DocumentTraversal) doc)
            .createNodeIterator(
                doc,
                NodeFilter.SHOW_ELEMENT,
                node ->
                    switch (node.getNodeName()) {
                      case MaryXML.TOKEN, MaryXML.BOUNDARY, MaryXML.NONVERBAL ->
                          NodeFilter.FILTER_ACCEPT;
                      default -> NodeFilter.FILTER_SKIP;
                    },
                false);
    List<List<Element>> sections = new ArrayList<>();
    List<Element> current = null;
    Element currentSentence = null;
    Element e;
    while ((e = (Element) it.nextNode()) != null) {
      if (e.getNodeName().equals(MaryXML.NONVERBAL)) return null;
      Element v = (Element) MaryDomUtils.getAncestor(e, MaryXML.VOICE);
      if (v != null
          && (Voice.getVoice(v) != voice && Voice.getVoice(v) != null
              || !v.getAttribute("effect").isEmpty()
              || !v.getAttribute("style").isEmpty())) return null;
      Element s = (Element) MaryDomUtils.getAncestor(e, MaryXML.SENTENCE);
      if (current == null || s != currentSentence) {
        current = new ArrayList<>();
        sections.add(current);
        currentSentence = s;
      }
      current.add(e);
    }
    return sections;
  }

  /** One sentence's speech, as MaryTTS' HMM synthesizer would make it but at 8 kHz. */
  private short[] renderSection(List<Element> tokensAndBoundaries) throws Exception {
    List<Element> segmentsAndBoundaries = new ArrayList<>();
    for (Element tOrB : tokensAndBoundaries) {
      if (tOrB.getTagName().equals(MaryXML.BOUNDARY)) {
        segmentsAndBoundaries.add(tOrB);
        continue;
      }
      NodeIterator phones =
          MaryDomUtils.createNodeIterator(tOrB.getOwnerDocument(), tOrB, MaryXML.PHONE);
      Element p;
      while ((p = (Element) phones.nextNode()) != null) segmentsAndBoundaries.add(p);
    }
    if (segmentsAndBoundaries.stream().noneMatch(x -> x.getTagName().equals(MaryXML.PHONE)))
      return null;
    String features = data.getFeatureDefinition().getFeatureNames();
    TargetFeatureComputer comp = FeatureRegistry.getTargetFeatureComputer(voice, features);
    TargetFeatureLister lister =
        (TargetFeatureLister) ModuleRegistry.getModule(TargetFeatureLister.class);
    List<Target> targets = lister.getListTargetFeatures(comp, segmentsAndBoundaries);
    HTSUttModel model = new ParameterModel().model(targets, segmentsAndBoundaries, data);
    HTSParameterGeneration params = new HTSParameterGeneration();
    params.htsMaximumLikelihoodParameterGeneration(model, data);
    PhoneBandVocoder v = vocoder;
    if (v == null) vocoder = v = new PhoneBandVocoder(data, params.getMcepPst().getOrder());
    double[] speech = v.render(params, data);
    double peak = MAX_AMPLITUDE;
    for (double x : speech) peak = Math.max(peak, Math.abs(x));
    short[] out = new short[speech.length];
    for (int i = 0; i < speech.length; i++)
      out[i] = (short) Math.round(speech[i] / peak * Short.MAX_VALUE);
    return out;
  }

  /** MaryTTS' HTS engine, for its utterance model (the step before parameter generation). */
  private static final class ParameterModel extends HTSEngine {
    HTSUttModel model(List<Target> targets, List<Element> segmentsAndBoundaries, HMMData data)
        throws Exception {
      return processTargetList(targets, segmentsAndBoundaries, data);
    }
  }
}
