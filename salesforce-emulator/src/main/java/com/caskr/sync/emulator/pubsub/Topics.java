package com.caskr.sync.emulator.pubsub;

import java.util.regex.Pattern;

/** Topic-name checks shared by the RPCs: malformed names and unknown topics. */
final class Topics {

  // /data/<Entity>ChangeEvent, /data/ChangeEvents, /data/<Name>__chn, /event/<Name>__e
  private static final Pattern WELL_FORMED =
      Pattern.compile("/(data|event)/[A-Za-z][A-Za-z0-9_]{0,79}");

  private Topics() {}

  /** The org's topic of that name; INVALID_ARGUMENT when malformed, NOT_FOUND when unknown. */
  static Topic existing(OrgEvents events, String name) {
    if (name == null || !WELL_FORMED.matcher(name).matches()) {
      throw Refusals.invalidArgument("Invalid topic name: expected /data/… or /event/….");
    }
    return events
        .topic(name)
        .orElseThrow(() -> Refusals.notFound("Topic not found or not accessible: " + name));
  }

  static Topic subscribable(OrgEvents events, String name) {
    return existing(events, name);
  }
}
