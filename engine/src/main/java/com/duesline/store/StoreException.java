package com.duesline.store;

/** The store cannot be opened, migrated or reached; the message says which and where. */
public final class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
