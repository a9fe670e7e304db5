package dev.verdict.cli.quickstart;

import dev.verdict.data.synth.Judgments;
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

    @Option(
            names = "--kinds",
            defaultValue = "all",
            description = "the world's task kinds, as verdict synth --kinds: all, lookup, or a list (default:"
                    + " ${DEFAULT-VALUE})")
    String kinds;

    @Option(
            names = "--judgments",
            defaultValue = "prose",
            description = "the rule teacher's wording, as verdict synth --judgments: prose, or lookup (SFT then also"
                    + " trains the quotes with the images withheld: train.blind_focus) (default: ${DEFAULT-VALUE})")
    String judgments;

    QuickstartPlan plan() {
        return smoke ? QuickstartPlan.SMOKE : QuickstartPlan.DEFAULT;
    }

    Pipeline pipeline() {
        return new Pipeline(nproc, kinds, Judgments.of(judgments));
    }

    BaseCache bases() {
        return new BaseCache(cache != null ? cache : BaseCache.defaultRoot());
    }
}
