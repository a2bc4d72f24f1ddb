package com.duesline.campaign;

import com.duesline.policy.LocatedYaml;
import java.util.HashMap;
import java.util.Map;

/**
 * The jurisdiction of a phone number by its longest matching prefix ({@code
 * library/policy/phone-jurisdictions.yaml}).
 */
public final class PhoneJurisdictions {
  private final Map<String, String> prefixes;
  private final int longest;

  public PhoneJurisdictions(Map<String, String> prefixes) {
    this.prefixes = Map.copyOf(prefixes);
    int l = 0;
    for (String p : prefixes.keySet()) l = Math.max(l, p.length());
    this.longest = l;
  }

  public static PhoneJurisdictions bundled() {
    Map<String, String> map = new HashMap<>();
    for (var e :
        LocatedYaml.resource("library/policy/phone-jurisdictions.yaml")
            .required("prefixes")
            .entries()
            .entrySet()) {
      map.put(e.getKey(), e.getValue().text().trim());
    }
    return new PhoneJurisdictions(map);
  }

  /** The jurisdiction for {@code e164}, or null when no prefix matches. */
  public String of(String e164) {
    if (e164 == null) return null;
    for (int n = Math.min(longest, e164.length()); n > 0; n--) {
      String j = prefixes.get(e164.substring(0, n));
      if (j != null) return j;
    }
    return null;
  }

  /** The country-level jurisdiction: the part before the first dash ("US" for "US-MA"). */
  public String country(String e164) {
    String j = of(e164);
    if (j == null) return null;
    int dash = j.indexOf('-');
    return dash < 0 ? j : j.substring(0, dash);
  }
}
