package com.duesline.web;

import io.vertx.ext.web.RoutingContext;

/**
 * The signed-in person a request is answered for. The access layer puts it on the routing context;
 * handlers read it with {@link #of(RoutingContext)} to decide what to show (e.g. masked numbers).
 */
public record Viewer(String name, Role role) {
  /** Key under which the access layer stores the viewer on the {@link RoutingContext}. */
  public static final String KEY = "duesline.viewer";

  /**
   * The request's viewer; a request without one is answered as an anonymous agent (the least it may
   * see).
   */
  public static Viewer of(RoutingContext ctx) {
    Viewer v = ctx.get(KEY);
    return v != null ? v : new Viewer("anonymous", Role.AGENT);
  }

  /**
   * Full phone numbers are for supervisors (evidence, account history); everyone else sees them
   * masked.
   */
  public boolean seesFullPhones() {
    return role == Role.SUPERVISOR;
  }
}
