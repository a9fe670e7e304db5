package dev.verdict.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's test command, {@code ./mvnw -B verify}, on a machine whose first {@code java} is a JDK 17: the
 * wrapper must pick a JDK 21 or newer by itself (as {@code ./verdict} does) and, where there is none, stop with a
 * message that names the requirement instead of the JVM's "Unrecognized option".
 *
 * <p>The JDK 17 is a stand-in that answers the version probe as 17 and refuses every other invocation the way a
 * real JDK 17 refuses {@code .mvn/jvm.config}, so the test does not depend on which JDKs a machine has.
 */
class WrapperJdkTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void wrapperSkipsAJdk17FirstOnThePathAndRunsMavenOnAJdk21OrNewer() throws Exception {
        Path jdk17 = fakeJdk17(dir.resolve("jdk-17"));
        Path running = Path.of(System.getProperty("java.home"));
        Result r = runWrapper(Map.of(
                "JAVA_HOME", jdk17.toString(),
                "PATH", jdk17.resolve("bin") + ":" + System.getenv("PATH"),
                "VERDICT_JDK_DIRS", running.getParent().toString()));
        assertEquals(0, r.exit(), r.out());
        Matcher m = Pattern.compile("Java version: (\\d+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Integer.parseInt(m.group(1)) >= 21, r.out());
        assertFalse(r.out().contains("Unrecognized option"), r.out());
    }

    @Test
    void wrapperWithOnlyAJdk17FailsNamingTheRequirement() throws Exception {
        Path jdk17 = fakeJdk17(dir.resolve("jdk-17"));
        Path bin = shellTools(dir.resolve("tools"));
        Files.createDirectories(dir.resolve("no-jdks"));
        Result r = runWrapper(Map.of(
                "JAVA_HOME", jdk17.toString(),
                "PATH", jdk17.resolve("bin") + ":" + bin,
                "VERDICT_JDK_DIRS", dir.resolve("no-jdks").toString()));
        assertNotEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("no JDK 21 or newer found"), r.out());
        assertFalse(r.out().contains("Unrecognized option"), r.out());
    }

    private record Result(int exit, String out) {}

    private Result runWrapper(Map<String, String> env) throws IOException, InterruptedException {
        Path log = dir.resolve("mvnw.log");
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("mvnw").toString(), "-B", "-v")
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().remove("MAVEN_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mvnw -v did not finish in 120 s: " + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    /** A JDK folder whose java and javac say 17 to the version probe and refuse everything else like a JDK 17. */
    private static Path fakeJdk17(Path home) throws IOException {
        String script = """
                #!/bin/sh
                case "$*" in
                  *-XshowSettings:properties*) echo "    java.specification.version = 17" >&2; exit 0 ;;
                esac
                echo "Unrecognized option: $1" >&2
                echo "Error: Could not create the Java Virtual Machine." >&2
                exit 1
                """;
        for (String tool : List.of("java", "javac")) {
            executable(home.resolve("bin").resolve(tool), script);
        }
        return home;
    }

    /** A bin folder with only the tools the wrapper's JDK lookup uses, so no system javac is on the PATH. */
    private static Path shellTools(Path bin) throws IOException {
        Files.createDirectories(bin);
        for (String tool : List.of("sh", "bash", "dirname", "readlink", "sed", "head")) {
            Path target = Stream.of("/usr/bin", "/bin")
                    .map(d -> Path.of(d, tool))
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + tool + " in /usr/bin or /bin"));
            Files.createSymbolicLink(bin.resolve(tool), target);
        }
        return bin;
    }

    private static void executable(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
