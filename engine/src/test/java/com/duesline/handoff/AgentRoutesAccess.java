package com.duesline.handoff;

import java.util.Set;

/** The agent console's disposition words, for tests in other packages. */
public final class AgentRoutesAccess {
  private AgentRoutesAccess() {}

  public static Set<String> dispositions() {
    return AgentRoutes.DISPOSITIONS;
  }
}
