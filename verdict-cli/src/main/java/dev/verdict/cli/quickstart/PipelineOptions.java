package dev.verdict.cli.quickstart;

import dev.verdict.train.pretrain.BaseCache;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options {@code verdict quickstart} and {@code verdict bench ablation} share: processes, base cache, world,
 * sizes.
 */
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

    @Option(
            names = "--world",
            defaultValue = "small",
            description = "the synthetic world and its stage recipes: small (2 x 2 cells, the three look-up kinds and"
                    + " wording, recipes/small-world-*.yaml) or full (4 x 4 cells, every kind, prose judgments,"
                    + " recipes/tiny-*.yaml; its tiny judges stay at chance) (default: ${DEFAULT-VALUE})")
    String world;

    QuickstartPlan plan() {
        return smoke ? QuickstartPlan.SMOKE : QuickstartWorld.of(world).plan();
    }

    Pipeline pipeline() {
        return new Pipeline(nproc, QuickstartWorld.of(world));
    }

    BaseCache bases() {
        return new BaseCache(cache != null ? cache : BaseCache.defaultRoot());
    }
}
