package com.duesline.campaign;

import com.duesline.policy.LocatedYaml;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The talk tracks and letter templates campaigns may name ({@code library/campaigns/catalog.yaml}),
 * so a typo in a campaign is refused when it is loaded, not discovered mid-call.
 */
public record TrackCatalog(Set<String> tracks, Set<String> letterTemplates) {

  public static TrackCatalog bundled() {
    LocatedYaml root = LocatedYaml.resource("library/campaigns/catalog.yaml");
    Set<String> tracks = new LinkedHashSet<>();
    for (LocatedYaml t : root.required("tracks").items()) tracks.add(t.text().trim());
    Set<String> letters = new LinkedHashSet<>();
    for (LocatedYaml t : root.required("letter-templates").items()) letters.add(t.text().trim());
    return new TrackCatalog(Set.copyOf(tracks), Set.copyOf(letters));
  }
}
