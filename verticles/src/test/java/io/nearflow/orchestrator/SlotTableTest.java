package io.nearflow.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.nearflow.protocol.AgentReport;
import io.nearflow.protocol.InstanceInfo;
import io.nearflow.protocol.SlotLoad;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlotTableTest {
  private static final InstanceInfo ECHO = new InstanceInfo("n1/echo", "echo", "n1", "h1", "edge1", 2);
  private static final InstanceInfo SPLIT = new InstanceInfo("n1/split", "split", "n1", "h1", "edge1", 1);

  private static AgentReport report(SlotLoad... loads) {
    return new AgentReport("n1", "edge1", List.of(loads), false);
  }

  private static SlotLoad running(InstanceInfo info, String... tokens) {
    return new SlotLoad(info, Set.of(tokens), tokens.length);
  }

  @Test
  void an_instance_is_never_booked_beyond_its_slots_and_a_release_frees_exactly_one() {
    SlotTable t = new SlotTable();
    t.merge(report(running(ECHO)), i -> true);
    assertThat(t.book("n1/echo", "a#1")).isTrue();
    assertThat(t.book("n1/echo", "b#1")).isTrue();
    assertThat(t.book("n1/echo", "c#1")).isFalse();
    assertThat(t.book("n1/echo", "a#1")).as("booking the same token again is idempotent").isTrue();
    assertThat(t.inFlight("n1/echo")).isEqualTo(2);
    assertThat(t.release("n1/echo", "a#1")).isTrue();
    assertThat(t.release("n1/echo", "a#1")).as("a second release of one token frees nothing").isFalse();
    assertThat(t.inFlight("n1/echo")).isEqualTo(1);
    assertThat(t.book("n1/echo", "c#1")).isTrue();
  }

  @Test
  void hops_a_predecessor_booked_count_until_the_agent_no_longer_runs_them() {
    SlotTable t = new SlotTable();
    // A standby takes over: the agent reports two hops the dead scheduler had dispatched.
    t.merge(report(running(ECHO, "old-1#1", "old-2#1")), i -> true);
    assertThat(t.inFlight("n1/echo")).isEqualTo(2);
    assertThat(t.book("n1/echo", "new#1")).as("full with inherited hops").isFalse();
    // One ended and its "slot freed" message was lost: the next report retires it.
    List<InstanceInfo> freed = t.merge(report(running(ECHO, "old-2#1")), i -> true);
    assertThat(freed).containsExactly(ECHO);
    assertThat(t.inFlight("n1/echo")).isEqualTo(1);
    assertThat(t.book("n1/echo", "new#1")).isTrue();
    // A report that does not list a hop this scheduler booked itself does not free it: the
    // dispatch may still be on its way to the agent.
    t.merge(report(running(ECHO)), i -> true);
    assertThat(t.inFlight("n1/echo")).isEqualTo(1);
  }

  @Test
  void instances_the_agent_stops_listing_or_that_another_scheduler_owns_leave_the_table() {
    SlotTable t = new SlotTable();
    t.merge(report(running(ECHO), running(SPLIT)), i -> true);
    assertThat(t.size()).isEqualTo(2);
    t.merge(report(running(ECHO)), i -> true);
    assertThat(t.schedules("n1/split")).isFalse();
    t.merge(report(running(ECHO)), i -> !i.zone().equals("edge1"));
    assertThat(t.size()).isZero();
    t.merge(report(running(ECHO)), i -> true);
    t.merge(new AgentReport("n1", "edge1", List.of(), true), i -> true);
    assertThat(t.size()).as("an agent that leaves takes its instances along").isZero();
  }
}
