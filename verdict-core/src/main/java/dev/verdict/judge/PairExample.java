package dev.verdict.judge;

import dev.verdict.config.With;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One preference pair: images, a question and two responses, with the preferred one when known. Immutable.
 *
 * @param id item id (unique within a data set where the source guarantees it)
 * @param groupId prompt group (several pairs drawn from one prompt share it, e.g. MM-RLHF-RewardBench's Acc+)
 * @param images zero or more images, in the order the model sees them
 * @param question the user's question or instruction
 * @param response1 the response shown as "Response 1"
 * @param response2 the response shown as "Response 2"
 * @param preferred which response is better, or {@link Preference#UNKNOWN}
 * @param category evaluation category (e.g. {@code hallucination}); empty when the source has none
 * @param subset finer source subset (e.g. {@code povid}); empty when the source has none
 * @param source free-form provenance: file, line, original field values worth keeping
 */
public record PairExample(
        String id,
        String groupId,
        List<ImageRef> images,
        String question,
        String response1,
        String response2,
        Preference preferred,
        String category,
        String subset,
        Map<String, String> source)
        implements With<PairExample> {

    public PairExample {
        Objects.requireNonNull(id, "id");
        groupId = groupId == null || groupId.isEmpty() ? id : groupId;
        images = List.copyOf(images);
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(response1, "response1");
        Objects.requireNonNull(response2, "response2");
        Objects.requireNonNull(preferred, "preferred");
        category = category == null ? "" : category;
        subset = subset == null ? "" : subset;
        source = Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    /** An unlabeled pair with one image, as a library user writes it. */
    public static PairExample of(ImageRef image, String question, String response1, String response2) {
        return new PairExample(
                "item", "item", List.of(image), question, response1, response2, Preference.UNKNOWN, "", "", Map.of());
    }

    /** A text-only unlabeled pair. */
    public static PairExample textOnly(String question, String response1, String response2) {
        return new PairExample(
                "item", "item", List.of(), question, response1, response2, Preference.UNKNOWN, "", "", Map.of());
    }

    /** The same pair with the two responses exchanged and the label flipped. */
    public PairExample swapped() {
        return new PairExample(
                id, groupId, images, question, response2, response1, preferred.swapped(), category, subset, source);
    }

    /** The same pair with one more provenance entry. */
    public PairExample plusSource(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(source);
        m.put(key, value);
        return new PairExample(id, groupId, images, question, response1, response2, preferred, category, subset, m);
    }

    public boolean hasImages() {
        return !images.isEmpty();
    }
}
