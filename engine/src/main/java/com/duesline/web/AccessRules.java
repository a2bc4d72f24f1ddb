package com.duesline.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who may open which path, in one table: the first rule whose prefix matches wins, and a path no
 * rule names is for supervisors only (deny by default).
 */
public final class AccessRules {
  /**
   * One row: a path prefix and who it admits; {@code roles == null} means anyone, even signed out.
   */
  public record Rule(String prefix, Set<Role> roles) {
    boolean matches(String path) {
      return path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
    }

    public boolean isPublic() {
      return roles == null;
    }

    public boolean admits(Role role) {
      return roles == null || roles.contains(role);
    }
  }

  private static final Set<Role> ANY_ROLE = EnumSet.allOf(Role.class);
  private static final Rule SUPERVISORS_ONLY = new Rule("/", EnumSet.of(Role.SUPERVISOR));

  private static final List<Rule> RULES =
      List.of(
          // Signed out: the sign-in page and its call, the pages' files, probes.
          new Rule("/login", null),
          new Rule("/api/login", null),
          new Rule("/static/", null),
          new Rule("/health", null),
          new Rule("/metrics", null),
          // The carrier's webhooks and media socket carry their own signature check; the voicemail
          // audio is fetched by the carrier.
          new Rule("/twilio/", null),
          new Rule("/audio/voicemail.wav", null),
          // The payer's checkout: the signed link in the URL is the key. Stripe's webhook carries
          // its own signature check.
          new Rule("/pay/", null),
          new Rule("/api/pay/", null),
          new Rule("/stripe/", null),
          new Rule("/api/me", ANY_ROLE),
          new Rule("/api/logout", ANY_ROLE),
          new Rule("/agent", EnumSet.of(Role.AGENT, Role.SUPERVISOR)),
          new Rule("/api/agent", EnumSet.of(Role.AGENT, Role.SUPERVISOR)),
          new Rule("/scripts", EnumSet.of(Role.SCRIPT_WRITER, Role.SUPERVISOR)),
          new Rule("/api/scripts", EnumSet.of(Role.SCRIPT_WRITER, Role.SUPERVISOR)),
          new Rule("/api/playground", EnumSet.of(Role.SCRIPT_WRITER, Role.SUPERVISOR)));

  private AccessRules() {}

  /** The rule for a request path. */
  public static Rule ruleFor(String path) {
    for (Rule r : RULES) if (r.matches(path)) return r;
    return SUPERVISORS_ONLY;
  }

  /** Where a role lands after signing in. */
  public static String home(Role role) {
    return switch (role) {
      case SUPERVISOR -> "/";
      case AGENT -> "/agent";
      case SCRIPT_WRITER -> "/scripts";
    };
  }
}
