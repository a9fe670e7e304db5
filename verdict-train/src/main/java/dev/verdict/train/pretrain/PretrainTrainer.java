package dev.verdict.train.pretrain;

import dev.verdict.tokenizer.Tokenizer;
import dev.verdict.train.checkpoint.ModelPaths;
import dev.verdict.train.dist.Collective;
import dev.verdict.train.run.TrainSession;
import dev.verdict.train.sft.SftTrainer;
import java.nio.file.Path;

/** Runs {@code verdict train pretrain}: the supervised loop of {@link SftTrainer} over {@link PretrainData}. */
public final class PretrainTrainer {
    private final PretrainConfig cfg;
    private final Collective dist;

    public PretrainTrainer(PretrainConfig cfg, Collective dist) {
        this.cfg = cfg;
        this.dist = dist;
    }

    public SftTrainer.Result run(TrainSession.Resume resume) {
        PretrainData data = PretrainData.read(Path.of(cfg.data()));
        long[] tokens = switch (cfg.tokenRows()) {
            case "none" -> new long[0];
            case "seen" -> {
                try (Tokenizer tok = Tokenizer.load(ModelPaths.resolve(Path.of(cfg.model()), "model"))) {
                    yield data.tokenIds(tok);
                }
            }
            default -> null;
        };
        SftTrainer.Pretraining pre = new SftTrainer.Pretraining(
                cfg.cellLoss() > 0 ? data.classes() : 0,
                cfg.cellLoss(),
                tokens,
                cfg.decoder().equals("frozen"));
        return new SftTrainer(cfg.asSft(), dist, cfg).run(resume, data, pre, "train pretrain");
    }
}
