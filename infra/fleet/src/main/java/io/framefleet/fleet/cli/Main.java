package io.framefleet.fleet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code ./framefleet} launcher. */
@Command(name = "framefleet",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Runs the framefleet services on this machine: a Kafka broker, an object store and every service as child processes.",
        subcommands = {EnhanceCommand.class, GenerateCommand.class, UpCommand.class, CapacityCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests parse through it too. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: enhance, generate, up or capacity");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"framefleet " + (version == null ? "(development build)" : version)};
        }
    }
}
