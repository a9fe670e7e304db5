package dev.verdict.train.pretrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.prompt.PromptLayout;
import dev.verdict.judge.prompt.PromptTemplate;
import dev.verdict.tokenizer.ChatMessage;
import dev.verdict.tokenizer.ChatTemplate;
import dev.verdict.tokenizer.ImagePosition;
import dev.verdict.tokenizer.Tokenizer;
import dev.verdict.train.checkpoint.ModelPaths;
import dev.verdict.train.config.DataConfig;
import dev.verdict.train.data.TrainData;
import dev.verdict.train.dist.Collective;
import dev.verdict.train.run.TrainSession;
import dev.verdict.train.sft.MixedItems;
import dev.verdict.train.sft.SftItems;
import dev.verdict.train.sft.SftTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@code verdict train pretrain}: the supervised loop of {@link SftTrainer} over {@link PretrainData}. */
public final class PretrainTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(PretrainTrainer.class);

    private final PretrainConfig cfg;
    private final Collective dist;

    public PretrainTrainer(PretrainConfig cfg, Collective dist) {
        this.cfg = cfg;
        this.dist = dist;
    }

    public SftTrainer.Result run(TrainSession.Resume resume) {
        PretrainData data = PretrainData.read(Path.of(cfg.data()));
        if (!cfg.captions()) {
            int before = data.size();
            data = data.withoutCaptions();
            if (data.size() < before) {
                LOG.info(
                        "captions off: {} of {} images have no other question and are left out",
                        before - data.size(),
                        before);
            }
        }
        if (cfg.gridTurn()) {
            data = data.gridTurnAdded(cellClassNames(Path.of(cfg.data())));
        }
        if (cfg.imagePosition().equals("after-text")) {
            data = data.imagesAfterText();
        }
        if (cfg.turns().equals("shuffled")) {
            data = data.turnsShuffled(cfg.run().seed());
        }
        int held = cfg.heldOut().images();
        if (held >= data.size()) {
            throw new IllegalArgumentException(
                    "held_out.images " + held + " leaves no training images: " + cfg.data() + " has " + data.size());
        }
        PretrainData train = data.slice(0, data.size() - held);
        if (cfg.turns().equals("single")) {
            train = train.singleTurnItems();
        }
        if (!cfg.questionContext().equals("none")) {
            train = train.questionsPrefixed(PretrainConfig.contextText(cfg.questionContext()));
        }
        List<PairExample> judgments = cfg.judgments().train().isEmpty() ? List.of() : judgments();
        SftItems items = cfg.judgments().train().isEmpty() ? train : mix(train, judgments);
        long[] tokens = tokenRows(train, judgments);
        SftTrainer.Pretraining pre = new SftTrainer.Pretraining(
                cfg.cellLoss() > 0 ? data.classes() : 0,
                cfg.cellLoss(),
                tokens,
                cfg.decoder().equals("frozen"),
                held == 0 ? null : heldOut(data.slice(data.size() - held, data.size())),
                cfg.featureRms(),
                cfg.cellLoss() > 0 && cfg.cellTargets().equals("words") ? prototypes(data.classes()) : null);
        return new SftTrainer(cfg.asSft(), dist, cfg).run(resume, items, pre, "train pretrain", layout());
    }

    /** The fixed probe's prototypes: per cell class the sum of its words' embedding rows ({@code cell_targets: words}). */
    private UnaryOperator<Tensor> prototypes(int classes) {
        long[][] words = cellWords(classes);
        return rows -> WordPrototypes.sums(rows, words);
    }

    /** Per cell class the token ids of its words. */
    private long[][] cellWords(int classes) {
        List<String> names = cellClassNames(Path.of(cfg.data()));
        if (names.size() < classes) {
            throw new IllegalArgumentException(
                    cfg.data() + " labels " + classes + " cell classes but world.json names " + names.size());
        }
        try (Tokenizer tok = Tokenizer.load(ModelPaths.resolve(Path.of(cfg.model()), "model"))) {
            return WordPrototypes.classWords(names.subList(0, classes), tok);
        }
    }

    /** The layout of the short questions and the judgments alike, recorded in every checkpoint. */
    private PromptLayout layout() {
        return new PromptLayout(
                ImagePosition.parse(cfg.imagePosition(), "image_position"),
                PromptTemplate.parse(cfg.judgments().template(), "judgments.template"));
    }

    /** The pairs of {@code judgments.train}, each with its teacher judgment. */
    private List<PairExample> judgments() {
        return TrainData.load(
                DataConfig.of(cfg.judgments().train()), SftTrainer::hasJudgment, "a valid teacher judgment");
    }

    /** {@code train} with the configured share of {@code judgments} mixed in. */
    private SftItems mix(PretrainData train, List<PairExample> judgments) {
        MixedItems mixed = MixedItems.of(
                train,
                SftTrainer.judgments(judgments, Path.of(cfg.judgments().train()), layout()),
                cfg.judgments().share());
        LOG.info(
                "judgments: {} items of {} ({} pairs of {}, share {})",
                mixed.addedCount(),
                mixed.size(),
                judgments.size(),
                cfg.judgments().train(),
                cfg.judgments().share());
        return mixed;
    }

    /**
     * The token embedding rows pretraining may change: none, all (null), or {@code seen}: those of the training
     * conversations (with their question context) and of the mixed-in judgments, if any.
     */
    private long[] tokenRows(PretrainData train, List<PairExample> judgments) {
        return switch (cfg.tokenRows()) {
            case "none" -> new long[0];
            case "seen" -> {
                try (Tokenizer tok = Tokenizer.load(ModelPaths.resolve(Path.of(cfg.model()), "model"))) {
                    TreeSet<Long> ids = new TreeSet<>();
                    for (long id : train.tokenIds(tok)) {
                        ids.add(id);
                    }
                    for (PairExample p : judgments) { // the text only: no image is decoded
                        List<ChatMessage> turns = List.of(
                                layout().userMessage(p),
                                ChatMessage.assistant(p.source().get(SftTrainer.JUDGMENT)));
                        for (long id : tok.encode(ChatTemplate.render(turns, false))) {
                            ids.add(id);
                        }
                    }
                    yield ids.stream().mapToLong(Long::longValue).toArray();
                }
            }
            default -> null;
        };
    }

    /** The measurement on the held-out {@code images}. */
    private SftTrainer.HeldOut heldOut(PretrainData images) {
        HeldOutAnswers answers = HeldOutAnswers.of(
                images,
                slotWords(Path.of(cfg.data())),
                PretrainConfig.contextText(cfg.heldOut().questionContext()),
                cfg.train().batchSize(),
                cfg.train().maxTokens());
        return new SftTrainer.HeldOut(
                cfg.heldOut().every(), b -> answers.measure(b.model(), b.encoder(), b.tokenizer()));
    }

    /** The words of the world's class names (colours and shapes), or none when no world.json is beside the data. */
    static Set<String> slotWords(Path data) {
        if (!Files.exists(data.toAbsolutePath().getParent().resolve("world.json"))) {
            return Set.of();
        }
        Set<String> words = new TreeSet<>();
        List<String> names = cellClassNames(data);
        for (String name : names.subList(1, names.size())) {
            words.addAll(List.of(name.split(" ")));
        }
        return words;
    }

    /** The world's cell class names ({@code cell_classes} of the {@code world.json} beside the data). */
    static List<String> cellClassNames(Path data) {
        Path world = data.toAbsolutePath().getParent().resolve("world.json");
        try {
            JsonNode names = new ObjectMapper().readTree(world.toFile()).path("cell_classes");
            if (!names.isArray() || names.isEmpty()) {
                throw new IllegalArgumentException(
                        world + ": no \"cell_classes\" array (needed by grid_turn and cell_targets: words)");
            }
            List<String> out = new ArrayList<>();
            names.forEach(n -> out.add(n.asText()));
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "grid_turn and cell_targets: words need the world's class names: cannot read " + world + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
