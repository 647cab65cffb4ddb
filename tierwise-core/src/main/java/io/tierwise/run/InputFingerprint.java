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

/**
 * The identity of one input file: its name, size and SHA-256.
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
