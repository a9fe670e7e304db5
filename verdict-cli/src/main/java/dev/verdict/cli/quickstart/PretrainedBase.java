package dev.verdict.cli.quickstart;

import dev.verdict.model.ModelInit;
import dev.verdict.model.ParamSpec;
import dev.verdict.train.checkpoint.ModelPaths;
import dev.verdict.train.config.Configs;
import dev.verdict.train.pretrain.BaseCache;
import dev.verdict.train.pretrain.PretrainConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The quickstart's pretrained base: from the cache, or a tiny model drawn and pretrained on the world. */
final class PretrainedBase {
    /** How the initial base is drawn; part of the cache key, so a base drawn another way is never reused. */
    static final String INIT = "tiny, embedding std " + ParamSpec.MATRIX_STD;

    private PretrainedBase() {}

    /** The base for {@code world} and {@code recipe}, pretraining one (under {@code out/pretrain}) when uncached. */
    static Path getOrTrain(
            BaseCache bases, Path world, Path recipe, QuickstartPlan plan, Pipeline pipe, long seed, Path out) {
        List<String> sets = new ArrayList<>(List.of("data=" + world.resolve("pretrain.jsonl")));
        if (plan.pretrainEpochs() > 0) {
            sets.add("train.epochs=" + plan.pretrainEpochs());
        }
        sets.addAll(plan.sizeOverrides());
        PretrainConfig config = Configs.resolve(PretrainConfig.defaults(), recipe, sets);
        return bases.getOrTrain(world, config, pipe.nproc(), seed, INIT, () -> {
            try {
                Path init = out.resolve("base-init");
                String tokenizer = Files.readString(world.resolve("tokenizer.json"));
                ModelInit.create(init, "tiny", tokenizer, "PreTrainedTokenizerFast", null, seed, ParamSpec.MATRIX_STD);
                Path run = out.resolve("pretrain");
                pipe.train("pretrain", recipe, init, null, run, seed, sets);
                return ModelPaths.resolve(run, "model");
            } catch (IOException e) {
                throw new UncheckedIOException("pretrain: " + e.getMessage(), e);
            }
        });
    }
}
