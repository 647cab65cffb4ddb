package io.tierwise.ingest;

import io.tierwise.TierwiseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The identity of one input file: its name, size and SHA-256. Ingest takes them of the bytes it
 * reads, as it reads them, when asked ({@link Ingest.Options#fingerprinting()}); {@link #of(Path)}
 * reads a file for its own.
 *
 * @param file the file's name as given by the mapping
 * @param bytes its size
 * @param sha256 hex SHA-256 of its bytes
 */
public record InputFingerprint(String file, long bytes, String sha256) {

  /** Fingerprints of files, computed in parallel, in the given order. */
  public static List<InputFingerprint> of(List<Path> files) {
    return files.parallelStream().map(InputFingerprint::of).toList();
  }

  public static InputFingerprint of(Path file) {
    MessageDigest digest = newDigest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      long size = 0;
      int read;
      while ((read = in.read(buffer)) > 0) {
        digest.update(buffer, 0, read);
        size += read;
      }
      return of(file, size, digest);
    } catch (IOException e) {
      throw TierwiseException.invalidInput(
          "cannot read input file " + file + ": " + e.getMessage());
    }
  }

  /** The fingerprint of {@code file} whose {@code bytes} bytes went through {@code digest}. */
  static InputFingerprint of(Path file, long bytes, MessageDigest digest) {
    return new InputFingerprint(
        file.getFileName().toString(), bytes, HexFormat.of().formatHex(digest.digest()));
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
