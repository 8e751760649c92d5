package com.caskr.sync.writeback.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.schema.events.CaskrEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EditsAndBatchesTest {

  @Test
  void rapidEditsOfOneRowCollapseIntoOne() {
    List<Edit> collapsed =
        Edits.collapse(
            List.of(
                edit(1, Set.of("phone"), Priority.BACKFILL),
                edit(2, Set.of("name"), Priority.INTERACTIVE),
                edit(1, Set.of("billing_city"), Priority.INTERACTIVE),
                edit(1, Set.of("phone"), Priority.BACKFILL)));

    assertThat(collapsed).hasSize(2);
    assertThat(collapsed.getFirst().caskrId()).isEqualTo(1);
    assertThat(collapsed.getFirst().fields()).containsExactlyInAnyOrder("phone", "billing_city");
    assertThat(collapsed.getFirst().priority()).isEqualTo(Priority.INTERACTIVE);
  }

  @Test
  void anEditOfEveryFieldAbsorbsNarrowerOnes() {
    Edit merged =
        edit(1, Set.of("phone"), Priority.INTERACTIVE)
            .merge(edit(1, Set.of(), Priority.INTERACTIVE));

    assertThat(merged.allFields()).isTrue();
  }

  @Test
  void interactiveEditsComeBeforeBackfills() {
    List<Edit> collapsed =
        Edits.collapse(
            List.of(
                edit(1, Set.of("phone"), Priority.BACKFILL),
                edit(2, Set.of("phone"), Priority.INTERACTIVE)));

    assertThat(collapsed).extracting(Edit::caskrId).containsExactly(2L, 1L);
  }

  @Test
  void writesAreGroupedByObjectAndKindInCallsOfAtMost200() {
    List<Write> writes = new ArrayList<>();
    IntStream.rangeClosed(1, 450)
        .forEach(
            i -> writes.add(write(Target.ACCOUNT, i, "001000000000001AAA", Priority.INTERACTIVE)));
    IntStream.rangeClosed(1, 3)
        .forEach(i -> writes.add(write(Target.ACCOUNT, 1000 + i, null, Priority.INTERACTIVE)));
    writes.add(write(Target.CONTACT, 9, null, Priority.BACKFILL));

    List<Batches.Batch> batches = Batches.of(writes, Batches.COLLECTION_LIMIT);

    assertThat(batches)
        .extracting(b -> b.target() + ":" + b.upsert() + ":" + b.writes().size())
        .containsExactly(
            "ACCOUNT:false:200",
            "ACCOUNT:false:200",
            "ACCOUNT:false:50",
            "ACCOUNT:true:3",
            "CONTACT:true:1");
  }

  @Test
  void interactiveAndBackfillWritesShareCallsInteractiveFirst() {
    List<Write> writes = new ArrayList<>();
    IntStream.rangeClosed(1, 150)
        .forEach(
            i -> writes.add(write(Target.ACCOUNT, i, "001000000000001AAA", Priority.BACKFILL)));
    IntStream.rangeClosed(151, 250)
        .forEach(
            i -> writes.add(write(Target.ACCOUNT, i, "001000000000001AAA", Priority.INTERACTIVE)));

    List<Batches.Batch> batches = Batches.of(writes, 200);

    assertThat(batches)
        .extracting(b -> b.priority() + ":" + b.writes().size())
        .containsExactly("INTERACTIVE:200", "BACKFILL:50");
    assertThat(batches.getFirst().writes().getFirst().caskrId()).isEqualTo(151);
  }

  @Test
  void backfillBatchesComeLast() {
    List<Batches.Batch> batches =
        Batches.of(
            List.of(
                write(Target.CONTACT, 1, null, Priority.BACKFILL),
                write(Target.ACCOUNT, 2, null, Priority.INTERACTIVE)),
            200);

    assertThat(batches)
        .extracting(Batches.Batch::priority)
        .containsExactly(Priority.INTERACTIVE, Priority.BACKFILL);
  }

  private static Edit edit(long caskrId, Set<String> fields, Priority priority) {
    return Edit.of(7, CaskrEntity.CUSTOMER, caskrId, fields, priority);
  }

  private static Write write(Target target, long caskrId, String salesforceId, Priority priority) {
    return new Write(
        target,
        7,
        caskrId,
        salesforceId,
        Map.of("Phone", "555-0100"),
        Map.of("phone", "555-0100"),
        priority);
  }
}
