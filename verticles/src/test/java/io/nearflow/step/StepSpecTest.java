package io.nearflow.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nearflow.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepSpecTest {
  private static final String WHERE = "agent.instances[2]";

  @Test
  void aBareTypeIsAJavaStepWithThreeSlots() {
    StepSpec spec = StepSpec.fromMap(Map.of("type", "shuffle"), WHERE);
    assertThat(spec.kind()).isEqualTo(StepKind.JAVA);
    assertThat(spec.slots()).isEqualTo(3);
    assertThat(spec.className()).isEmpty();
  }

  @Test
  void aProcessStepCarriesItsCommandEnvAndWorkDir() {
    StepSpec spec = StepSpec.fromMap(Map.of("type", "upper", "kind", "process", "slots", 5,
        "command", List.of("/usr/bin/python3", "upper_step.py"), "env", Map.of("DEBUG", 1), "workDir", "/opt/steps"),
        WHERE);
    assertThat(spec.kind()).isEqualTo(StepKind.PROCESS);
    assertThat(spec.slots()).isEqualTo(5);
    assertThat(spec.command()).containsExactly("/usr/bin/python3", "upper_step.py");
    assertThat(spec.env()).containsEntry("DEBUG", "1");
    assertThat(spec.workDir()).contains(Path.of("/opt/steps"));
  }

  @Test
  void aJavaStepMayNameItsClass() {
    StepSpec spec = StepSpec.fromMap(Map.of("type", "blur", "class", "com.example.Blur"), WHERE);
    assertThat(spec.className()).isEqualTo(Optional.of("com.example.Blur"));
  }

  @Test
  void anUnknownKindNamesTheFieldAndTheChoices() {
    assertThatThrownBy(() -> StepSpec.fromMap(Map.of("type", "x", "kind", "docker"), WHERE))
        .isInstanceOf(ConfigException.class)
        .hasMessage("agent.instances[2].kind: unknown kind 'docker' (java, process, command)");
  }

  @Test
  void aMisspelledFieldIsRejectedNotIgnored() {
    assertThatThrownBy(() -> StepSpec.fromMap(Map.of("type", "x", "kind", "command", "comand", List.of("ls")), WHERE))
        .hasMessageStartingWith("agent.instances[2].comand: unknown field");
  }

  @Test
  void missingOrWrongValuesNameTheirField() {
    assertThatThrownBy(() -> StepSpec.fromMap(Map.of("slots", 2), WHERE))
        .hasMessage("agent.instances[2].type: required");
    assertThatThrownBy(() -> StepSpec.fromMap(Map.of("type", "x", "slots", 0), WHERE))
        .hasMessageStartingWith("agent.instances[2].slots: must be a whole number from 1 to 10000");
    assertThatThrownBy(() -> StepSpec.fromMap(Map.of("type", "x", "kind", "process"), WHERE))
        .hasMessageStartingWith("agent.instances[2].command: required for this kind");
    assertThatThrownBy(() -> StepSpec.fromMap(Map.of("type", "x", "kind", "command", "command", "ls -l"), WHERE))
        .hasMessageStartingWith("agent.instances[2].command: must be a non-empty list of strings");
  }

  @Test
  void fieldsOfOtherKindsAreRejected() {
    assertThatThrownBy(() -> StepSpec.fromMap(Map.of("type", "x", "command", List.of("ls")), WHERE))
        .hasMessage("agent.instances[2].command: only for kind process or command, not java");
    assertThatThrownBy(() -> StepSpec.fromMap(
        Map.of("type", "x", "kind", "command", "command", List.of("ls"), "class", "a.B"), WHERE))
        .hasMessage("agent.instances[2].class: only for kind java, not command");
  }
}
