package dev.verdict.data.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.data.PairSchema;
import dev.verdict.judge.ImageRef;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.StatedFact;
import dev.verdict.judge.prompt.R1RewardPrompt;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes a synthetic world data set to a folder (layout in {@code docs/data.md}):
 *
 * <pre>
 * world.json                 config, seed, colours, shapes, cell classes, counts
 * tokenizer.json             word-level HF tokenizer covering every text below
 * images/{train,test,pretrain}/ID.png
 * train.jsonl, test.jsonl    pairs in verdict's schema (meta: judgment, fact, kind)
 * train.r1reward.jsonl, test.r1reward.jsonl   the R1-Reward training layout (message / question / answer)
 * pretrain.jsonl             caption, short QA pairs and per-cell labels per image
 * </pre>
 *
 * Image paths inside the files are relative to the folder.
 */
public final class SynthWriter {
    /** The meta key of an item's answer ({@link WorldItem#answer}), e.g. for {@code curate --replay-mirror}. */
    public static final String ANSWER_KEY = "answer";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final World world;
    private final Consumer<String> progress;

    /** @param progress receives one line per phase (may be a no-op) */
    public SynthWriter(World world, Consumer<String> progress) {
        this.world = world;
        this.progress = progress;
    }

    /** Counts of what was written. */
    public record Summary(int train, int test, int pretrain, int images, long millis) {}

    /** Generates and writes everything under {@code out}. */
    public Summary write(Path out, int train, int test, int pretrain) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(out);
        Files.writeString(out.resolve("tokenizer.json"), WorldVocabulary.tokenizerJson(world.config()));
        int images = 0;
        for (Map.Entry<String, Integer> split : Map.of("train", train, "test", test).entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.reverseOrder()))
                .toList()) {
            progress.accept("generating " + split.getValue() + " " + split.getKey() + " items");
            List<WorldItem> items = world.judgeItems(split.getKey(), split.getValue());
            writeImages(
                    out,
                    split.getKey(),
                    items.stream().map(i -> Map.entry(i.id(), i.scene())).toList());
            writeJudgeFiles(out, split.getKey(), items);
            images += items.size();
        }
        progress.accept("generating " + pretrain + " pretraining images");
        List<PretrainItem> pre = world.pretrainItems(pretrain);
        writeImages(
                out,
                "pretrain",
                pre.stream().map(i -> Map.entry(i.id(), i.scene())).toList());
        writePretrain(out, pre);
        images += pre.size();
        Files.writeString(out.resolve("world.json"), worldJson(train, test, pretrain));
        return new Summary(train, test, pretrain, images, (System.nanoTime() - start) / 1_000_000);
    }

    /** Relative image path of an item. */
    static String imagePath(String split, String id) {
        return "images/" + split + "/" + id + ".png";
    }

    private void writeImages(Path out, String split, List<Map.Entry<String, Scene>> scenes) throws IOException {
        Files.createDirectories(out.resolve("images").resolve(split));
        progress.accept("rendering " + scenes.size() + " " + split + " images");
        scenes.parallelStream().forEach(e -> {
            try {
                Files.write(out.resolve(imagePath(split, e.getKey())), SceneRenderer.png(e.getValue(), world.config()));
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot write image for " + e.getKey(), ex);
            }
        });
    }

    /** The item as a {@link PairExample} whose image path is relative (as written in the files). */
    public static PairExample toPair(WorldItem item, String split) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("judgment", item.judgment());
        meta.put(StatedFact.FACT_KEY, item.fact());
        if (!item.factOtherOrder().isEmpty()) {
            meta.put(StatedFact.OTHER_ORDER_KEY, item.factOtherOrder());
        }
        meta.put(ANSWER_KEY, item.answer());
        return new PairExample(
                item.id(),
                item.id(),
                List.of(ImageRef.path(Path.of(imagePath(split, item.id())))),
                item.question(),
                item.response1(),
                item.response2(),
                item.preferred(),
                item.category(),
                item.kind(),
                meta);
    }

    private void writeJudgeFiles(Path out, String split, List<WorldItem> items) throws IOException {
        try (BufferedWriter ours = Files.newBufferedWriter(out.resolve(split + ".jsonl"), StandardCharsets.UTF_8);
                BufferedWriter r1 =
                        Files.newBufferedWriter(out.resolve(split + ".r1reward.jsonl"), StandardCharsets.UTF_8)) {
            for (WorldItem item : items) {
                ours.write(PairSchema.toJson(toPair(item, split), null).toString());
                ours.write('\n');
                r1.write(r1Row(item, split).toString());
                r1.write('\n');
            }
        }
    }

    /** One row of the R1-Reward training layout ({@code spec/r1-reward.md} §5.4), text first then image. */
    static ObjectNode r1Row(WorldItem item, String split) {
        ArrayNode chat = JSON.createArrayNode();
        ObjectNode user = chat.addObject();
        user.put("role", "user");
        ArrayNode content = user.putArray("content");
        content.addObject()
                .put("type", "text")
                .put("text", R1RewardPrompt.render(item.question(), item.response1(), item.response2()));
        content.addObject().put("type", "image").put("image", imagePath(split, item.id()));
        ObjectNode row = JSON.createObjectNode();
        row.put("message", chat.toString());
        row.put("question", item.question());
        row.putArray("answer").add("<answer>" + item.preferred().position() + "</answer>");
        row.put("id", item.id());
        return row;
    }

    private void writePretrain(Path out, List<PretrainItem> items) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("pretrain.jsonl"), StandardCharsets.UTF_8)) {
            for (PretrainItem p : items) {
                ObjectNode o = JSON.createObjectNode();
                o.put("id", p.id());
                o.put("image", imagePath("pretrain", p.id()));
                o.put("caption", p.caption());
                ArrayNode qa = o.putArray("qa");
                for (PretrainItem.QA q : p.qa()) {
                    qa.addObject().put("question", q.question()).put("answer", q.answer());
                }
                ArrayNode cells = o.putArray("cells");
                for (int c : p.cells()) {
                    cells.add(c);
                }
                w.write(o.toString());
                w.write('\n');
            }
        }
    }

    private String worldJson(int train, int test, int pretrain) {
        WorldConfig cfg = world.config();
        ObjectNode o = JSON.createObjectNode();
        o.put("format", "verdict-synthetic-world/1");
        o.put("seed", world.seed());
        o.put("image_size", cfg.imageSize());
        o.put("grid", cfg.grid());
        o.put("cell_size", cfg.cellSize());
        ArrayNode colours = o.putArray("colours");
        for (Palette.Colour c : cfg.palette()) {
            colours.addObject()
                    .put("name", c.name())
                    .set("rgb", JSON.createArrayNode().add(c.r()).add(c.g()).add(c.b()));
        }
        o.set(
                "background",
                JSON.createArrayNode()
                        .add(Palette.BACKGROUND.r())
                        .add(Palette.BACKGROUND.g())
                        .add(Palette.BACKGROUND.b()));
        o.put("backdrop", cfg.backdrop().id());
        ArrayNode kinds = o.putArray("kinds");
        cfg.kinds().forEach(k -> kinds.add(k.wireName()));
        o.put("judgments", cfg.judgments().id());
        ArrayNode behind = o.putArray("cell_backgrounds");
        for (int cell = 0; cell < cfg.cells(); cell++) {
            int rgb = cfg.backdrop().rgb(cell / cfg.grid(), cell % cfg.grid(), cfg.grid());
            behind.addArray().add(rgb >> 16).add((rgb >> 8) & 0xFF).add(rgb & 0xFF);
        }
        ArrayNode shapes = o.putArray("shapes");
        cfg.shapeKinds().forEach(s -> shapes.add(s.noun()));
        ArrayNode classes = o.putArray("cell_classes");
        classes.add("empty");
        for (Palette.Colour c : cfg.palette()) {
            cfg.shapeKinds().forEach(s -> classes.add(c.name() + " " + s.noun()));
        }
        for (Palette.Colour c : cfg.palette()) {
            classes.add(c.name() + " bar");
        }
        o.put("min_objects", cfg.minObjects());
        o.put("max_objects", cfg.maxObjects());
        o.put("max_delta", cfg.maxDelta());
        o.put("min_radius", cfg.minRadius());
        o.put("max_radius", cfg.maxRadius());
        o.put("jitter", cfg.jitter());
        ArrayNode cats = o.putArray("categories");
        Tasks.CATEGORIES.forEach(cats::add);
        o.putObject("counts").put("train", train).put("test", test).put("pretrain", pretrain);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
