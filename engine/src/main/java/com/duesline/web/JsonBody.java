package com.duesline.web;

import com.duesline.cli.InputRejectedException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads an API request's JSON body field by field, refusing a wrong type with the field's name:
 * Vert.x's {@code getString} on a number or {@code getJsonObject} on a string throws
 * ClassCastException, which answered 500 with a Java message. Every refusal is an {@link
 * InputRejectedException} (400 through {@link Problems#fail}).
 */
public final class JsonBody {
  private JsonBody() {}

  /** The body as a JSON object; refused when it is missing, not JSON, or JSON but not an object. */
  public static JsonObject object(RoutingContext ctx) {
    Object value;
    try {
      value = ctx.body().asJsonObject();
    } catch (DecodeException e) {
      throw new InputRejectedException("body: not valid JSON");
    } catch (ClassCastException e) {
      throw new InputRejectedException(
          "body: expected a JSON object {...}, got another JSON value");
    }
    if (value == null) throw new InputRejectedException("body: a JSON object {...} is required");
    return (JsonObject) value;
  }

  /**
   * As {@link #object(RoutingContext)}, for a handler that answers the request itself: null after
   * answering 400 with the reason.
   */
  public static JsonObject objectOrAnswer(RoutingContext ctx) {
    try {
      return object(ctx);
    } catch (InputRejectedException e) {
      Problems.fail(ctx, e);
      return null;
    }
  }

  /** A text field, or null when absent or null; refused when it holds another type. */
  public static String string(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null || v instanceof String) return (String) v;
    throw new InputRejectedException(field + ": expected text, got " + kind(v));
  }

  /** A nested object field, or null when absent or null; refused when it holds another type. */
  public static JsonObject object(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null || v instanceof JsonObject) return (JsonObject) v;
    throw new InputRejectedException(field + ": expected an object {...}, got " + kind(v));
  }

  /** A date field (YYYY-MM-DD), or null when absent or null. */
  public static LocalDate date(JsonObject body, String field) {
    String s = string(body, field);
    if (s == null) return null;
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new InputRejectedException(
          field + ": expected a date YYYY-MM-DD, got '" + shown(s) + "'");
    }
  }

  /** Below what the store's {@code numeric(14,2)} amounts hold. */
  private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

  /**
   * An amount of money (a JSON number or numeric text), or null when absent or null: more than 0,
   * at most two decimals (the store keeps cents: 0.001 would round to 0), under 10^12.
   */
  public static BigDecimal amount(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) return null;
    if (!(v instanceof Number) && !(v instanceof String))
      throw new InputRejectedException(field + ": expected an amount, got " + kind(v));
    BigDecimal a;
    try {
      a = new BigDecimal(String.valueOf(v).strip());
    } catch (NumberFormatException e) {
      throw new InputRejectedException(
          field + ": expected an amount such as 120.50, got '" + shown(v) + "'");
    }
    if (a.signum() <= 0)
      throw new InputRejectedException(
          field + ": must be more than 0, got " + shown(a.toPlainString()));
    if (a.stripTrailingZeros().scale() > 2)
      throw new InputRejectedException(
          field + ": at most two decimals (cents), got " + shown(a.toPlainString()));
    if (a.compareTo(MAX_AMOUNT) >= 0)
      throw new InputRejectedException(
          field + ": must be under 1,000,000,000,000, got " + shown(a.toPlainString()));
    return a;
  }

  /** A value as a client may see it in a problem: at most 80 characters. */
  public static String shown(Object value) {
    String s = String.valueOf(value);
    return s.length() > 80 ? s.substring(0, 80) + "... (" + s.length() + " characters)" : s;
  }

  private static String kind(Object v) {
    if (v instanceof Number) return "a number";
    if (v instanceof Boolean) return "true/false";
    if (v instanceof JsonObject) return "an object";
    if (v instanceof io.vertx.core.json.JsonArray) return "a list";
    return "text";
  }
}
