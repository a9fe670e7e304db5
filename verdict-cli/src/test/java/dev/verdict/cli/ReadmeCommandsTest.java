package dev.verdict.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The documentation of the command line against the command tree. README's command table has a row for every
 * runnable command and names no option that command lacks; {@code docs/commands.md} is every command's
 * {@code --help} text as the code prints it now, so no option is documented nowhere (run this test with
 * {@code -Dverdict.writeDocs=true} to rewrite the file after changing an option).
 */
class ReadmeCommandsTest {
    private static final Pattern ROW = Pattern.compile("^\\| `verdict ([a-z][a-z-]*(?: [a-z][a-z-]*)?)[ `].*");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");
    private static final Path COMMANDS_DOC = Path.of("..", "docs", "commands.md");

    @Test
    void readmeHasARowForEveryCommandAndNamesNoOptionItLacks() throws IOException {
        Map<String, String> rows = readmeRows();
        Map<String, CommandLine> commands = commands();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : commands.entrySet()) {
            String row = rows.get(e.getKey());
            if (row == null) {
                problems.add("no README row for `verdict " + e.getKey() + "`");
                continue;
            }
            Set<String> known = new HashSet<>();
            for (OptionSpec o : e.getValue().getCommandSpec().options()) {
                known.addAll(List.of(o.names()));
            }
            Matcher m = OPTION.matcher(row.substring(0, row.indexOf(" | ", 2)));
            while (m.find()) {
                if (!known.contains(m.group())) {
                    problems.add("`verdict " + e.getKey() + "`: README names " + m.group() + ", which it lacks");
                }
            }
        }
        for (String name : rows.keySet()) {
            if (!commands.containsKey(name)) {
                problems.add("README row for `verdict " + name + "`, which does not exist");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void commandsDocIsEveryCommandsHelpAsPrintedNow() throws IOException {
        StringBuilder doc = new StringBuilder("# Command reference\n\n");
        doc.append("Every command's `--help`, as `./verdict <command> --help` prints it. This file is generated: a\n")
                .append(
                        "test in `verdict-cli` (`ReadmeCommandsTest`) fails when it is out of date and rewrites it when\n")
                .append("run with `-Dverdict.writeDocs=true`.\n");
        for (Map.Entry<String, CommandLine> e : commands().entrySet()) {
            doc.append("\n## verdict ").append(e.getKey()).append("\n\n```text\n");
            doc.append(e.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing());
            doc.append("\n```\n");
        }
        String want = doc.toString();
        if (Boolean.getBoolean("verdict.writeDocs")) {
            Files.writeString(COMMANDS_DOC, want);
        }
        String have = Files.exists(COMMANDS_DOC) ? Files.readString(COMMANDS_DOC) : "";
        assertEquals(want, have, "docs/commands.md is out of date: rerun this test with -Dverdict.writeDocs=true");
    }

    private static Map<String, CommandLine> commands() {
        Map<String, CommandLine> out = new TreeMap<>();
        CommandLine root = VerdictCli.commandLine();
        root.setUsageHelpAutoWidth(false); // the same text whatever terminal runs the test
        collect(root, "", out);
        return out;
    }

    /** Runnable commands by their path below {@code verdict} ("train sft"); groups are not rows of their own. */
    private static void collect(CommandLine cl, String path, Map<String, CommandLine> out) {
        for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
            if (sub.getKey().equals("help") || !sub.getValue().getCommandName().equals(sub.getKey())) {
                continue; // help, and aliases
            }
            String name = path.isEmpty() ? sub.getKey() : path + " " + sub.getKey();
            if (sub.getValue().getSubcommands().isEmpty()) {
                out.put(name, sub.getValue());
            } else {
                collect(sub.getValue(), name, out);
            }
        }
    }

    /** The command-table rows of README.md, keyed by the command they describe. */
    private static Map<String, String> readmeRows() throws IOException {
        Map<String, String> rows = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.put(m.group(1), line);
            }
        }
        return rows;
    }
}
