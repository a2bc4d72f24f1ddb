package com.duesline.telephony.local;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The subset of TwiML the local carrier executes: Connect/Stream, Play, Dial (Number or Sip),
 * Pause, Hangup.
 */
public record TwimlProgram(List<Verb> verbs) {

  /** One instruction. */
  public sealed interface Verb {}

  /** {@code <Connect><Stream url>} with its {@code <Parameter>}s. */
  public record ConnectStream(String url, Map<String, String> parameters) implements Verb {}

  /** {@code <Play>url</Play>}. */
  public record Play(String url) implements Verb {}

  /** {@code <Dial>} to a number or SIP address. */
  public record Dial(String target) implements Verb {}

  /** {@code <Pause length>}. */
  public record Pause(int seconds) implements Verb {}

  /** {@code <Hangup/>}. */
  public record Hangup() implements Verb {}

  /** Parses a TwiML document; anything outside the subset is an error naming the element. */
  public static TwimlProgram parse(String xml) {
    Element root;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      root =
          f.newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
              .getDocumentElement();
    } catch (Exception e) {
      throw new IllegalArgumentException("TwiML is not well-formed XML: " + e.getMessage(), e);
    }
    if (!root.getTagName().equals("Response"))
      throw new IllegalArgumentException(
          "TwiML root must be <Response>, got <" + root.getTagName() + ">");
    List<Verb> verbs = new ArrayList<>();
    for (Element e : children(root)) {
      switch (e.getTagName()) {
        case "Connect" -> {
          Element stream =
              children(e).stream()
                  .filter(c -> c.getTagName().equals("Stream"))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "<Connect> without <Stream> is not supported"));
          Map<String, String> params = new LinkedHashMap<>();
          for (Element p : children(stream)) {
            if (p.getTagName().equals("Parameter"))
              params.put(p.getAttribute("name"), p.getAttribute("value"));
          }
          String url = stream.getAttribute("url");
          if (url.isEmpty()) throw new IllegalArgumentException("<Stream> without url");
          verbs.add(new ConnectStream(url, params));
        }
        case "Play" -> verbs.add(new Play(e.getTextContent().strip()));
        case "Dial" -> {
          List<Element> nouns = children(e);
          String target =
              nouns.isEmpty() ? e.getTextContent().strip() : nouns.get(0).getTextContent().strip();
          verbs.add(new Dial(target));
        }
        case "Pause" ->
            verbs.add(
                new Pause(
                    e.hasAttribute("length") ? Integer.parseInt(e.getAttribute("length")) : 1));
        case "Hangup" -> verbs.add(new Hangup());
        default ->
            throw new IllegalArgumentException(
                "TwiML verb <" + e.getTagName() + "> is not supported by the local carrier");
      }
    }
    return new TwimlProgram(List.copyOf(verbs));
  }

  private static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++)
      if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) out.add((Element) nodes.item(i));
    return out;
  }
}
