package dev.verdict.judge.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.judge.PairExample;
import dev.verdict.tokenizer.ChatMessage;
import dev.verdict.tokenizer.ImagePosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a judge model expects its prompt laid out (where the image goes, which text), kept beside its weights in {@value #FILE} so that
 * every stage that prompts it (RL rollouts, eval, curate, serve) does so as it was trained. A model directory
 * without the file (a released checkpoint) gets {@link #DEFAULT}: the image before the text.
 *
 * @param imagePosition where the image slots sit in the user turn
 * @param template the prompt text: the whole R1-Reward prompt, or its input section alone
 */
public record PromptLayout(ImagePosition imagePosition, PromptTemplate template) {
    /** The file name inside a model directory. */
    public static final String FILE = "judge_prompt.json";

    public static final PromptLayout DEFAULT = new PromptLayout(ImagePosition.BEFORE_TEXT, PromptTemplate.R1_REWARD);

    private static final ObjectMapper JSON = new ObjectMapper();

    public PromptLayout {
        Objects.requireNonNull(imagePosition, "imagePosition");
        Objects.requireNonNull(template, "template");
    }

    /** The layout recorded in {@code modelDir}, or {@link #DEFAULT} when it records none. */
    public static PromptLayout read(Path modelDir) {
        Path file = modelDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return DEFAULT;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException(file + ": expected a JSON object");
            }
            return new PromptLayout(
                    ImagePosition.parse(
                            text(root, "image_position", DEFAULT.imagePosition.key(), file), file + ": image_position"),
                    PromptTemplate.parse(text(root, "template", DEFAULT.template.key(), file), file + ": template"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode root, String field, String absent, Path file) {
        JsonNode v = root.get(field);
        if (v == null) {
            return absent;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(file + ": \"" + field + "\" must be a string, got " + v);
        }
        return v.asText();
    }

    /** Writes this layout into {@code dir} (a model directory being written). */
    public void write(Path dir) {
        ObjectNode root = JSON.createObjectNode();
        root.put("image_position", imagePosition.key());
        root.put("template", template.key());
        try {
            Files.writeString(
                    dir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** The prompt text for {@code pair} as presented (response1 first). */
    public String render(PairExample pair) {
        return template.render(pair.question(), pair.response1(), pair.response2());
    }

    /** The user turn for {@code pair} in this layout: one image slot per image of the pair. */
    public ChatMessage userMessage(PairExample pair) {
        return userMessage(pair, pair.images().size());
    }

    /** The user turn for {@code pair} shown with {@code images} images (decoded elsewhere). */
    public ChatMessage userMessage(PairExample pair, int images) {
        return ChatMessage.userWithImages(images, render(pair), imagePosition);
    }
}
