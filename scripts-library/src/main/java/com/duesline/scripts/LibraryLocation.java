package com.duesline.scripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the library directory: the one given, else the working copy in the source tree, else the
 * copy inside the jar.
 */
public final class LibraryLocation {
  /** The source tree's editable library, used when commands run from the project root. */
  public static final Path WORKING_COPY = Path.of("scripts-library", "library");

  public static Path resolve(Path explicit) {
    if (explicit != null) {
      if (!Files.isDirectory(explicit))
        throw new IllegalArgumentException("library directory " + explicit + " does not exist");
      // Accept the tracks/ directory itself as well as its parent.
      if (Files.exists(explicit.resolve("catalogue.yaml")) && explicit.getParent() != null)
        return explicit.getParent();
      return explicit;
    }
    if (Files.isDirectory(WORKING_COPY.resolve("tracks"))) return WORKING_COPY;
    return shipped();
  }

  /**
   * The library packaged in the scripts-library jar (or its classes directory when run from the
   * build).
   */
  public static Path shipped() {
    URL url = LibraryLocation.class.getClassLoader().getResource("library/tracks/catalogue.yaml");
    if (url == null)
      throw new IllegalStateException(
          "no library on the classpath (library/tracks/catalogue.yaml)");
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        try {
          FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          // opened earlier in this JVM
        }
      }
      return Path.of(uri).getParent().getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private LibraryLocation() {}
}
