package io.tierwise.run;

import io.tierwise.ingest.InputFingerprint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * Where a run's results come from. The run id is derived from everything else, so the same inputs,
 * policy, as-of date and tool version always give the same id.
 *
 * @param runId first 16 hex digits of SHA-256 over the other fields
 * @param asOf the as-of date
 * @param policyName the policy's name
 * @param policyVersion the policy's version
 * @param policySha256 hex SHA-256 of the policy text
 * @param inputs input file fingerprints
 * @param toolVersion the Tierwise version
 */
public record RunProvenance(
    String runId,
    LocalDate asOf,
    String policyName,
    String policyVersion,
    String policySha256,
    List<InputFingerprint> inputs,
    String toolVersion) {

  public RunProvenance {
    inputs = List.copyOf(inputs);
  }

  public static RunProvenance of(
      LocalDate asOf,
      String policyName,
      String policyVersion,
      String policySha256,
      List<InputFingerprint> inputs,
      String toolVersion) {
    StringBuilder identity = new StringBuilder();
    identity.append(asOf).append('\n').append(policySha256).append('\n').append(toolVersion);
    for (InputFingerprint input : inputs) {
      identity
          .append('\n')
          .append(input.file())
          .append(' ')
          .append(input.bytes())
          .append(' ')
          .append(input.sha256());
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(identity.toString().getBytes(StandardCharsets.UTF_8));
      String runId = HexFormat.of().formatHex(digest).substring(0, 16);
      return new RunProvenance(
          runId, asOf, policyName, policyVersion, policySha256, inputs, toolVersion);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
