package dev.verdict.cli;

import dev.verdict.train.config.ConfigDocs;
import dev.verdict.train.config.Configs;
import dev.verdict.train.run.TrainSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every config-driven command shares: a YAML recipe, overrides, printing, resuming. */
final class RecipeOptions {
    @Option(
            names = "--config",
            paramLabel = "YAML",
            description = "Recipe file (see recipes/); defaults apply to unset keys.")
    Path config;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override one key, e.g. --set optim.lr=1e-4 --set run.out=runs/x (repeatable; applied last).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--print-config", description = "Print the resolved config as commented YAML and exit.")
    boolean printConfig;

    @Option(names = "--resume", description = "Continue the run in run.out from its latest checkpoint.")
    boolean resume;

    @Option(names = "--force", description = "With --resume: accept a config that differs from the checkpoint's.")
    boolean force;

    /** Resolves the config from the defaults, the recipe, then {@code extra} and the --set overrides. */
    <T extends Record> T resolve(T defaults, List<String> extra) {
        List<String> all = new ArrayList<>(extra);
        all.addAll(overrides);
        return Configs.resolve(defaults, config, all);
    }

    /** Prints {@code cfg} if asked; returns whether the command should stop there. */
    boolean printed(Record cfg, String command) {
        if (printConfig) {
            System.out.print(ConfigDocs.yaml(cfg, "verdict " + command + " — resolved config"));
        }
        return printConfig;
    }

    TrainSession.Resume resumeMode() {
        if (force && !resume) {
            throw new IllegalArgumentException("--force only applies with --resume");
        }
        return new TrainSession.Resume(resume, force);
    }
}
