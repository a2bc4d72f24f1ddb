package com.duesline.playground;

/**
 * A request named a playground session that does not exist (never started, ended, or expired when
 * idle). HTTP 404.
 */
public final class UnknownSessionException extends java.util.NoSuchElementException {
  public UnknownSessionException(String message) {
    super(message);
  }
}
