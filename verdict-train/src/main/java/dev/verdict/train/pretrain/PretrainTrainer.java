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
        if (cfg.gridTurn()) {
            data = data.withGridTurn(cellClassNames(Path.of(cfg.data())));
        }
        if (cfg.turns().equals("shuffled")) {
            data = data.withShuffledTurns(cfg.run().seed());
        }
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

    /** The world's cell class names ({@code cell_classes} of the {@code world.json} beside the data). */
    static java.util.List<String> cellClassNames(Path data) {
        Path world = data.toAbsolutePath().getParent().resolve("world.json");
        try {
            com.fasterxml.jackson.databind.JsonNode names = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(world.toFile())
                    .path("cell_classes");
            if (!names.isArray() || names.isEmpty()) {
                throw new IllegalArgumentException(world + ": no \"cell_classes\" array (needed by grid_turn)");
            }
            java.util.List<String> out = new java.util.ArrayList<>();
            names.forEach(n -> out.add(n.asText()));
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(
                    "grid_turn needs the world's class names: cannot read " + world + ": " + e.getMessage(), e);
        }
    }
}
