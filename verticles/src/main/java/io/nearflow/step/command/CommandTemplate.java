package io.nearflow.step.command;

import io.nearflow.step.StepFailedException;
import io.nearflow.step.StepInvocation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command line with placeholders, filled in per hop: {@code {input}}, {@code {outputDir}},
 * {@code {hopId}}, {@code {stepType}} and {@code {param.NAME}}. Any other brace text (e.g. a
 * shell's {@code ${HOME}}) is left alone. Each argument stays one argument: no shell parsing,
 * so a path with spaces cannot split; use {@code [sh, -c, "..."]} to get a shell on purpose.
 */
final class CommandTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(input|outputDir|hopId|stepType|param\\.[^{}]+)}");

  private final List<String> args;

  CommandTemplate(List<String> args) {
    this.args = List.copyOf(args);
  }

  /** @throws StepFailedException when a {@code {param.NAME}} has no value in this hop */
  List<String> expand(StepInvocation inv) {
    List<String> out = new ArrayList<>(args.size());
    for (String arg : args) {
      Matcher m = PLACEHOLDER.matcher(arg);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(sb, Matcher.quoteReplacement(value(m.group(1), inv)));
      }
      m.appendTail(sb);
      out.add(sb.toString());
    }
    return out;
  }

  private static String value(String name, StepInvocation inv) {
    switch (name) {
      case "input":
        return inv.input().toAbsolutePath().toString();
      case "outputDir":
        return inv.outputDir().toAbsolutePath().toString();
      case "hopId":
        return inv.hopId();
      case "stepType":
        return inv.stepType();
      default:
        String param = name.substring("param.".length());
        String v = inv.params().get(param);
        if (v == null) {
          throw new StepFailedException("command placeholder {" + name + "} has no value: hop "
              + inv.hopId() + " has params " + inv.params().keySet());
        }
        return v;
    }
  }
}
