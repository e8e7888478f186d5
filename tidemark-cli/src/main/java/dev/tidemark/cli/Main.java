package dev.tidemark.cli;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** The {@code tidemark} executable. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Terminal terminal = Terminal.system();
        try {
            LogLevels.configure(terminal.env(), args.length > 0 && args[0].equals("serve"));
        } catch (TidemarkException e) {
            terminal.err().println("error: " + e.oneLine());
            System.exit(e.kind().exitCode());
        }
        System.exit(run(terminal, args));
    }

    /**
     * Runs one command line and returns its exit code (docs/CLI.md). Errors are printed as one line on
     * {@code terminal.err()}; with {@code --debug} the stack trace follows.
     */
    public static int run(Terminal terminal, String... args) {
        try (CliContext context = new CliContext(terminal)) {
            CommandLine commandLine = CommandTree.build(new ContextFactory(context), args)
                    .setOut(new java.io.PrintWriter(terminal.out(), true))
                    .setErr(new java.io.PrintWriter(terminal.err(), true))
                    .setExitCodeExceptionMapper(Main::exitCode)
                    .setExecutionExceptionHandler((failure, cmd, parsed) -> report(context, failure))
                    .setParameterExceptionHandler((failure, parsedArgs) -> {
                        terminal.err().println("error: " + failure.getMessage());
                        terminal.err().println("run '" + failure.getCommandLine().getCommandSpec().qualifiedName()
                                + " --help' for usage");
                        return ErrorKind.USAGE.exitCode();
                    });
            return commandLine.execute(args);
        } catch (TidemarkException e) {
            terminal.err().println("error: " + e.oneLine());
            return e.kind().exitCode();
        }
    }

    private static int report(CliContext context, Exception failure) {
        TidemarkException known = failure instanceof TidemarkException te ? te
                : new TidemarkException(ErrorKind.INTERNAL, "unexpected failure: " + failure,
                "run again with --debug and report the stack trace", failure);
        context.terminal().err().println("error: " + known.oneLine());
        if (context.debug()) {
            failure.printStackTrace(context.terminal().err());
        }
        return known.kind().exitCode();
    }

    private static int exitCode(Throwable failure) {
        return failure instanceof TidemarkException te ? te.kind().exitCode() : ErrorKind.INTERNAL.exitCode();
    }

    /** Gives every command and mixin that wants it the shared {@link CliContext}. */
    record ContextFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length == 1 && parameters[0] == CliContext.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(context));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
