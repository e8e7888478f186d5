package dev.tidemark.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Where the CLI reads and writes, and whether a person is there to answer questions and watch
 * progress. Passed in so tests run commands in-process.
 *
 * @param env         the environment variables (configuration)
 * @param out         results: ids, tables, JSON
 * @param err         messages, warnings, progress
 * @param in          answers to confirmations
 * @param interactive whether a person sits at a terminal
 */
public record Terminal(Map<String, String> env, PrintStream out, PrintStream err, InputStream in, boolean interactive) {

    public static Terminal system() {
        return new Terminal(System.getenv(), System.out, System.err, System.in, System.console() != null);
    }

    /** Asks a yes/no question; anything but y/yes is no. */
    public boolean confirm(String question) {
        err.print(question + " [y/N] ");
        err.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().toLowerCase(Locale.ROOT).equals("yes"));
        } catch (IOException e) {
            return false;
        }
    }

    public void warn(String message) {
        err.println("warning: " + message);
    }
}
