package io.tierwise.synth;

import java.nio.charset.StandardCharsets;

/** The interaction event types of docs/data-format.md, with their wire names. */
enum EventType {
  LOGIN("login"),
  USAGE("usage"),
  FEATURE_USE("feature_use"),
  SUPPORT_TICKET("support_ticket"),
  CONSULTATION("consultation"),
  CUSTOM_REQUEST("custom_request"),
  SELF_SERVICE("self_service"),
  REFERRAL("referral"),
  COMPLAINT("complaint"),
  PURCHASE_INQUIRY("purchase_inquiry");

  private final String wireName;
  private final byte[] bytes;

  EventType(String wireName) {
    this.wireName = wireName;
    this.bytes = wireName.getBytes(StandardCharsets.US_ASCII);
  }

  String wireName() {
    return wireName;
  }

  byte[] bytes() {
    return bytes;
  }
}
