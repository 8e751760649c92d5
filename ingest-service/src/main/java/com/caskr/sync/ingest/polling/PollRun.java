package com.caskr.sync.ingest.polling;

import com.caskr.sync.schema.events.SalesforceEntity;
import java.time.Duration;

/**
 * What one poll did.
 *
 * @param read rows Salesforce returned, the overlap included
 * @param published envelopes Kafka acknowledged (read minus versions already published)
 * @param created of those, records created inside the window
 * @param updated of those, other live records
 * @param deleted of those, records in the recycle bin
 */
record PollRun(
    SalesforceEntity entity,
    int read,
    int published,
    int created,
    int updated,
    int deleted,
    int pages,
    Duration duration) {}
