package io.nearflow.workflow;

import java.util.List;

/**
 * A workflow definition that cannot be used. The message is one line: the first problem
 * ({@code pipeline.yaml:12: steps[2].follows: unknown step 'blurr' (steps are: ingest, blur)})
 * and how many more there are; {@link #problems()} lists them all so a user fixes a file in
 * one round trip instead of one error at a time.
 */
public final class WorkflowValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public WorkflowValidationException(List<String> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in file order where there is one; each is one line. */
  public List<String> problems() {
    return problems;
  }

  private static String summary(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a validation failure needs at least one problem");
    }
    String first = problems.get(0);
    return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more)";
  }
}
