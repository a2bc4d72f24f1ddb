package com.duesline.app;

import com.duesline.web.Role;
import com.duesline.web.Users;
import java.io.PrintWriter;

/** The demo's three sign-ins, one per role, with fresh random passwords printed once at start. */
final class DemoUsers {
  private DemoUsers() {}

  static void create(Users users, int port, PrintWriter out) {
    out.printf(
        "sign in at http://localhost:%d/login (passwords are new on every demo start):%n", port);
    for (var u :
        new String[][] {
          {"supervisor", "supervisor", null},
          {"agent", "agent", "sip:agent@pbx.local"},
          {"writer", "script_writer", null}
        }) {
      String password = Users.newPassword(14);
      users.put(u[0], Role.of(u[1]), password, u[2]);
      out.printf("  %-13s %-10s password %s%n", u[1], u[0], password);
    }
    out.flush();
  }
}
