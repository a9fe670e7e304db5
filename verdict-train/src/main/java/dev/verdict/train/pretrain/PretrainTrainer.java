package dev.verdict.train.pretrain;

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
        SftTrainer.ProbeSpec probe =
                cfg.cellLoss() > 0 ? new SftTrainer.ProbeSpec(data.classes(), cfg.cellLoss()) : null;
        return new SftTrainer(cfg.asSft(), dist, cfg).run(resume, data, probe, "train pretrain");
    }
}
