package dev.verdict.cli.quickstart;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options {@code verdict quickstart} and {@code verdict bench ablation} share: processes, base cache, sizes. */
final class PipelineOptions {
    @Option(
            names = "--nproc",
            defaultValue = "2",
            description = "training processes, data parallel with one thread each (default: ${DEFAULT-VALUE})")
    int nproc;

    @Option(
            names = "--cache",
            description = "where pretrained bases are kept, by world and recipe (default: $VERDICT_CACHE or "
                    + "~/.cache/verdict)")
    Path cache;

    @Option(names = "--smoke", description = "a handful of steps per stage: proves the wiring, not the method")
    boolean smoke;

    QuickstartPlan plan() {
        return smoke ? QuickstartPlan.SMOKE : QuickstartPlan.DEFAULT;
    }

    Pipeline pipeline() {
        return new Pipeline(nproc);
    }

    BaseCache bases() {
        return new BaseCache(cache != null ? cache : BaseCache.defaultRoot());
    }
}
