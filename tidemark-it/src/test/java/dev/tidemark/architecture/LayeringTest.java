package dev.tidemark.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/ARCHITECTURE.md, checked on the compiled main classes of every module: which package
 * may use which, and no cycles between packages. A new package needs a line in {@link #ALLOWED}; a new
 * dependency between packages needs the table changed, which is the point.
 */
class LayeringTest {
    /** Package (below {@code dev.tidemark.}) → the Tidemark packages it may use besides itself; {@code x..} is x and below. */
    private static final Map<String, List<String>> ALLOWED = new LinkedHashMap<>();

    static {
        allow("error");
        allow("env", "error");
        allow("files", "error");
        allow("schema", "error");
        allow("types", "schema", "error");
        allow("source", "schema", "types", "env", "error");
        allow("capture", "source", "schema", "types", "error");
        allow("archive", "source", "schema", "types", "env", "error");
        allow("archive.changes", "source", "schema", "types", "env", "error");
        allow("crypto", "env", "error");
        allow("storage", "env", "error");
        allow("storage.local", "storage", "files", "env", "error");
        allow("catalog", "storage", "source", "env", "error");
        allow("config", "storage", "storage.local", "source", "env", "error");
        allow("dialect", "source", "schema", "types", "env", "error");
        allow("dialect.nativesql", "schema", "error");
        allow("engine", "config", "catalog", "crypto", "archive", "archive.changes", "storage", "source", "capture", "dialect",
                "schema", "types", "files", "env", "error");
        for (String backend : List.of("sqlite", "postgres", "mysql")) {
            allow("dialect." + backend, "dialect", "dialect.nativesql", "source", "capture", "schema", "types", "files", "env", "error");
        }
        for (String provider : List.of("s3", "azure")) {
            allow("storage." + provider, "storage", "env", "error");
        }
        // the built-in KV store: the store, the protocol over it, the commands over both, the server over all
        allow("kv.store", "error");
        allow("kv.protocol", "kv.store", "error");
        allow("kv.command", "kv.protocol", "kv.store", "error");
        for (String family : List.of("connection", "hashes", "keys", "lists", "pubsub", "server", "sets", "strings",
                "transactions", "zsets", "streams")) {
            allow("kv.command." + family, "kv.command", "kv.command.keys", "kv.protocol", "kv.store", "error");
        }
        allow("kv.server", "kv.command..", "kv.protocol", "kv.store", "env", "error");
        List<String> serverUses = List.of("engine", "config", "catalog", "crypto", "storage", "source", "files", "env",
                "error");
        allow("server", with(serverUses, "server..").toArray(String[]::new));
        serverUses = with(serverUses, "types");
        for (String part : List.of("server.api", "server.auth", "server.jobs", "server.schedule", "server.web")) {
            allow(part, with(serverUses, "server.api", "server.auth", "server.jobs", "server.schedule", "server.web")
                    .toArray(String[]::new));
        }
        allow("cli", with(serverUses, "server..").toArray(String[]::new));
    }

    private static JavaClasses classes;

    @BeforeAll
    static void importEveryModule() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            modules.filter(module -> module.getFileName().toString().startsWith("tidemark-"))
                    .map(module -> module.resolve("target/classes"))
                    .filter(Files::isDirectory)
                    .forEach(folders::add);
        }
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPaths(folders);
    }

    @Test
    void everyModuleIsChecked() {
        TreeSet<String> packages = new TreeSet<>();
        classes.forEach(c -> packages.add(name(c)));
        assertThat(packages).contains("engine", "dialect.sqlite", "dialect.postgres", "dialect.mysql", "storage.s3",
                "storage.azure", "server", "cli");
        assertThat(ALLOWED.keySet()).as("every package has a layering rule").containsAll(packages);
    }

    @Test
    void packagesUseOnlyThePackagesBelowThem() {
        List<String> violations = new ArrayList<>();
        for (JavaClass javaClass : classes) {
            String from = name(javaClass);
            List<String> allowed = ALLOWED.getOrDefault(from, List.of());
            for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (!target.getPackageName().startsWith("dev.tidemark")) {
                    continue;
                }
                String to = name(target);
                if (!to.equals(from) && allowed.stream().noneMatch(rule -> matches(rule, to))) {
                    violations.add(from + " -> " + to + ": " + dependency.getDescription());
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.tidemark.(**)").should().beFreeOfCycles().check(classes);
    }

    private static boolean matches(String rule, String target) {
        return rule.endsWith("..") ? target.equals(rule.substring(0, rule.length() - 2))
                || target.startsWith(rule.substring(0, rule.length() - 1)) : target.equals(rule);
    }

    private static String name(JavaClass javaClass) {
        return javaClass.getPackageName().equals("dev.tidemark") ? "" : javaClass.getPackageName().substring("dev.tidemark.".length());
    }

    private static void allow(String from, String... to) {
        ALLOWED.put(from, List.of(to));
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }
}
