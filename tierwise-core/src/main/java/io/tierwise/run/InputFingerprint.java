package io.tierwise.run;

import io.tierwise.TierwiseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The identity of one input file: its name, size and SHA-256.
 *
 * @param file the file's name as given by the mapping
 * @param bytes its size
 * @param sha256 hex SHA-256 of its bytes
 */
public record InputFingerprint(String file, long bytes, String sha256) {

  /** Fingerprints files on another thread while the caller goes on (ingest reads them). */
  public static Pending inBackground(List<Path> files) {
    return new Pending(CompletableFuture.supplyAsync(() -> of(files)));
  }

  /** No files to fingerprint. */
  public static Pending none() {
    return new Pending(CompletableFuture.completedFuture(List.of()));
  }

  /** Fingerprints being computed. */
  public static final class Pending {
    private final CompletableFuture<List<InputFingerprint>> future;

    private Pending(CompletableFuture<List<InputFingerprint>> future) {
      this.future = future;
    }

    /** Waits for the fingerprints; a file that could not be read raises its own error here. */
    public List<InputFingerprint> get() {
      try {
        return future.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof TierwiseException tierwise) {
          throw tierwise;
        }
        throw e;
      }
    }
  }

  /** Fingerprints of files, computed in parallel, in the given order. */
  public static List<InputFingerprint> of(List<Path> files) {
    return files.parallelStream().map(InputFingerprint::of).toList();
  }

  public static InputFingerprint of(Path file) {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      byte[] buffer = new byte[1 << 16];
      long size = 0;
      int read;
      while ((read = in.read(buffer)) > 0) {
        size += read;
      }
      String hash = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
      return new InputFingerprint(file.getFileName().toString(), size, hash);
    } catch (IOException e) {
      throw TierwiseException.invalidInput(
          "cannot read input file " + file + ": " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
