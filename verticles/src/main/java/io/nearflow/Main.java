package io.nearflow;

import io.nearflow.cli.DemoCommand;
import io.nearflow.cli.NodeCommand;
import io.nearflow.cli.Logs;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one command-line entry point: {@code nearflow node ...}, {@code nearflow demo ...}. */
@Command(name = "nearflow", mixinStandardHelpOptions = true, version = "nearflow 0.1.0",
    description = "Locality-aware workflow orchestrator for the edge-to-cloud continuum.",
    subcommands = {NodeCommand.class, DemoCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    Logs.setup();
    int code = new CommandLine(new Main()).execute(args);
    if (code != 0 || !NodeCommand.keepsRunning()) {
      System.exit(code);
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }
}
