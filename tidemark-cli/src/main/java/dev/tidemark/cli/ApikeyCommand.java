package dev.tidemark.cli;

import dev.tidemark.server.auth.ApiKeyStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tidemark apikey create|revoke|list}: API keys for scripts calling the REST API. */
@Command(name = "apikey", mixinStandardHelpOptions = true, description = "Create, revoke and list API keys for the REST API.",
        subcommands = {ApikeyCommand.Create.class, ApikeyCommand.Revoke.class, ApikeyCommand.List.class})
final class ApikeyCommand {

    /** {@code tidemark apikey create NAME}: prints the new key once. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key and print it (only this once; only its hash is stored).")
    static final class Create implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        GlobalOptions global;

        @Parameters(paramLabel = "NAME", description = "A name for the key, e.g. the script using it.")
        String name;

        Create(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            String key = new ApiKeyStore(context.config().dataDir()).create(name);
            context.terminal().err().println("API key '" + name + "' created; it is shown only now."
                    + " Send it as 'Authorization: Bearer <key>'.");
            context.terminal().out().println(key);
            return 0;
        }
    }

    /** {@code tidemark apikey revoke NAME}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API key; it stops working at once.")
    static final class Revoke implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        GlobalOptions global;

        @Parameters(paramLabel = "NAME", description = "The key's name.")
        String name;

        Revoke(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            new ApiKeyStore(context.config().dataDir()).revoke(name);
            context.terminal().out().println("revoked " + name);
            return 0;
        }
    }

    /** {@code tidemark apikey list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the API keys' names and creation times.")
    static final class List implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        GlobalOptions global;

        List(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            new ApiKeyStore(context.config().dataDir()).list()
                    .forEach(key -> context.terminal().out().println(key.name() + "\t" + key.createdAt()));
            return 0;
        }
    }
}
