package dev.verdict.train.pretrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdict.image.Images;
import dev.verdict.tokenizer.ChatMessage;
import dev.verdict.tokenizer.ChatTemplate;
import dev.verdict.tokenizer.ImagePosition;
import dev.verdict.tokenizer.Tokenizer;
import dev.verdict.train.sft.SftExample;
import dev.verdict.train.sft.SftItems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * The synthetic world's pretraining data ({@code pretrain.jsonl} of {@code verdict synth}) as supervised
 * items: one multi-turn conversation per image, whose first turn asks for the caption ("What objects are in the
 * image?") and whose later turns ask the image's short questions; every answer is trained, and the item carries
 * the image's dense per-cell labels. One conversation per image runs the vision tower once for all its
 * questions.
 */
public final class PretrainData implements SftItems {
    /** The question a caption answers (a sentence of the world's vocabulary). */
    public static final String CAPTION_QUESTION = "What objects are in the image?";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One image's conversation.
     *
     * @param id the image's id
     * @param image the image file
     * @param questions the caption question, then the short questions
     * @param answers the caption, then the short answers
     * @param cells [cells] class per grid cell, row-major
     */
    record Item(String id, Path image, List<String> questions, List<String> answers, int[] cells) {}

    private final Path file;
    private final List<Item> items;
    private final boolean imageAfterText;

    private PretrainData(Path file, List<Item> items, boolean imageAfterText) {
        this.file = file;
        this.items = items;
        this.imageAfterText = imageAfterText;
    }

    private PretrainData(Path file, List<Item> items) {
        this(file, items, false);
    }

    /**
     * The same data with the image after the first question's text in the user turn (the layout of R1-Reward's RL
     * training data) instead of before it.
     */
    public PretrainData imagesAfterText() {
        return new PretrainData(file, items, true);
    }

    /** Reads {@code file}; a malformed line is an error naming the file, the line and the field. */
    public static PretrainData read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pretraining data " + file + ": " + e.getMessage(), e);
        }
        Path root = file.toAbsolutePath().getParent();
        List<Item> items = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            if (!lines.get(n).isBlank()) {
                parse(lines.get(n), root, file + ":" + (n + 1), items);
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException(file + " has no pretraining items");
        }
        return new PretrainData(file, items);
    }

    private static void parse(String line, Path root, String where, List<Item> out) {
        JsonNode row;
        try {
            row = JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not JSON: " + e.getMessage(), e);
        }
        String id = text(row, "id", where);
        Path image = root.resolve(text(row, "image", where));
        JsonNode cellsNode = row.get("cells");
        if (cellsNode == null || !cellsNode.isArray() || cellsNode.isEmpty()) {
            throw new IllegalArgumentException(where + ": field \"cells\" must be a non-empty array of class ids");
        }
        int[] cells = new int[cellsNode.size()];
        for (int i = 0; i < cells.length; i++) {
            JsonNode c = cellsNode.get(i);
            if (!c.canConvertToInt() || c.asInt() < 0) {
                throw new IllegalArgumentException(where + ": cells[" + i + "] is not a class id: " + c);
            }
            cells[i] = c.asInt();
        }
        List<String> questions = new ArrayList<>(List.of(CAPTION_QUESTION));
        List<String> answers = new ArrayList<>(List.of(text(row, "caption", where)));
        JsonNode qa = row.path("qa");
        for (int k = 0; k < qa.size(); k++) {
            String at = where + " qa[" + k + "]";
            questions.add(text(qa.get(k), "question", at));
            answers.add(text(qa.get(k), "answer", at));
        }
        out.add(new Item(id, image, questions, answers, cells));
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": field \"" + field + "\" must be a non-empty string");
        }
        return v.asText();
    }

    /** The question the grid description answers (words of the world's vocabulary). */
    public static final String GRID_QUESTION = "Describe the image row by row.";

    /**
     * The same data with one more turn per image: {@link #GRID_QUESTION}, answered cell by cell in reading order,
     * each cell after its coordinates ("row 1, column 1: -; row 1, column 2: red circle; ..."). Every cell is then a
     * short lookup of the image token its coordinates name, worded as the cell questions word them: sixteen such
     * lookups per image, the densest text signal the decoder can get for reading the image.
     *
     * @param classNames the name of each cell class, index 0 the empty cell (world.json {@code cell_classes})
     */
    public PretrainData gridTurnAdded(List<String> classNames) {
        List<Item> out = new ArrayList<>();
        for (Item it : items) {
            List<String> q = new ArrayList<>(it.questions());
            List<String> a = new ArrayList<>(it.answers());
            q.add(GRID_QUESTION);
            a.add(gridAnswer(it.cells(), classNames));
            out.add(new Item(it.id(), it.image(), q, a, it.cells()));
        }
        return new PretrainData(file, out, imageAfterText);
    }

    /** A square grid's cells in reading order, each after its coordinates, "-" for an empty one (class 0). */
    static String gridAnswer(int[] cells, List<String> classNames) {
        int grid = (int) Math.round(Math.sqrt(cells.length));
        if (grid * grid != cells.length) {
            throw new IllegalArgumentException("cells of a square grid expected, got " + cells.length);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            int k = cells[i];
            if (k >= classNames.size()) {
                throw new IllegalArgumentException(
                        "cell class " + k + " has no name (" + classNames.size() + " known)");
            }
            b.append(i == 0 ? "" : "; ")
                    .append("row ")
                    .append(i / grid + 1)
                    .append(", column ")
                    .append(i % grid + 1)
                    .append(": ")
                    .append(k == 0 ? "-" : classNames.get(k));
        }
        return b.append('.').toString();
    }

    /**
     * The same data with each conversation's turns in an order of its own (seeded by {@code seed} and the item's
     * id), so that a turn's place never tells which question it is: with a fixed order a model can answer by
     * position without reading the question.
     */
    public PretrainData turnsShuffled(long seed) {
        List<Item> out = new ArrayList<>();
        for (Item it : items) {
            List<Integer> order = new ArrayList<>();
            for (int k = 0; k < it.questions().size(); k++) {
                order.add(k);
            }
            Collections.shuffle(order, new Random(seed * 31 + it.id().hashCode()));
            List<String> q = new ArrayList<>();
            List<String> a = new ArrayList<>();
            for (int k : order) {
                q.add(it.questions().get(k));
                a.add(it.answers().get(k));
            }
            out.add(new Item(it.id(), it.image(), q, a, it.cells()));
        }
        return new PretrainData(file, out, imageAfterText);
    }

    /**
     * The same data without the caption turns (the first turn of each conversation as read); images left with no
     * question are dropped, so the result may be shorter.
     */
    public PretrainData withoutCaptions() {
        List<Item> out = new ArrayList<>();
        for (Item it : items) {
            int n = it.questions().size();
            if (n > 1) {
                out.add(new Item(
                        it.id(),
                        it.image(),
                        List.copyOf(it.questions().subList(1, n)),
                        List.copyOf(it.answers().subList(1, n)),
                        it.cells()));
            }
        }
        return new PretrainData(file, out, imageAfterText);
    }

    /**
     * The same data with {@code prefix} before the first question of every conversation (after the image when the
     * image comes first): the answer's look-up then has to reach the image across the prefix's length.
     */
    public PretrainData questionsPrefixed(String prefix) {
        List<Item> out = new ArrayList<>();
        for (Item it : items) {
            List<String> questions = new ArrayList<>(it.questions());
            questions.set(0, prefix + questions.getFirst());
            out.add(new Item(it.id(), it.image(), List.copyOf(questions), it.answers(), it.cells()));
        }
        return new PretrainData(file, out, imageAfterText);
    }

    /**
     * The same data with every turn an item of its own: the image and one question, answered; the item ids are
     * the image's with {@code #k} for its k-th turn. Later answers then cannot be read off earlier ones (a caption
     * in the context answers every existence and count question without a look at the image).
     */
    public PretrainData singleTurnItems() {
        List<Item> out = new ArrayList<>();
        for (Item it : items) {
            for (int k = 0; k < it.questions().size(); k++) {
                out.add(new Item(
                        it.id() + "#" + k,
                        it.image(),
                        List.of(it.questions().get(k)),
                        List.of(it.answers().get(k)),
                        it.cells()));
            }
        }
        return new PretrainData(file, out, imageAfterText);
    }

    /** The token ids of every conversation as the chat template renders it (the rows pretraining may change). */
    public long[] tokenIds(Tokenizer tokenizer) {
        TreeSet<Long> ids = new TreeSet<>();
        for (int i = 0; i < items.size(); i++) {
            for (long id : tokenizer.encode(ChatTemplate.render(conversation(i), false))) {
                ids.add(id);
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** The largest cell class id plus one. */
    public int classes() {
        return items.stream().flatMapToInt(i -> Arrays.stream(i.cells())).max().orElse(0) + 1;
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public SftExample example(int index) {
        Item it = items.get(index);
        List<ChatMessage> turns = conversation(index);
        turns.removeLast(); // the last answer is the reply
        return new SftExample(
                turns, List.of(Images.read(it.image())), it.answers().getLast(), it.cells());
    }

    /** Items {@code from} (inclusive) to {@code to} (exclusive). */
    public PretrainData slice(int from, int to) {
        return new PretrainData(file, List.copyOf(items.subList(from, to)), imageAfterText);
    }

    /** The questions of item {@code index} in its turn order. */
    public List<String> questions(int index) {
        return items.get(index).questions();
    }

    /** The whole conversation of item {@code index}, ending with its last answer (images are not decoded). */
    public List<ChatMessage> conversation(int index) {
        Item it = items.get(index);
        List<ChatMessage> turns = new ArrayList<>();
        for (int k = 0; k < it.questions().size(); k++) {
            turns.add(
                    k == 0
                            ? firstTurn(it.questions().get(0))
                            : ChatMessage.user(it.questions().get(k)));
            turns.add(ChatMessage.assistant(it.answers().get(k)));
        }
        return turns;
    }

    private ChatMessage firstTurn(String question) {
        return ChatMessage.userWithImages(
                1, question, imageAfterText ? ImagePosition.AFTER_TEXT : ImagePosition.BEFORE_TEXT);
    }

    @Override
    public String id(int index) {
        return items.get(index).id();
    }

    @Override
    public List<Path> files() {
        return List.of(file);
    }
}
